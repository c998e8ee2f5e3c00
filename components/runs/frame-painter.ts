/**
 * Re-renders at most once per animation frame and every `minGapMs`, however
 * often it is asked: replaying or tailing thousands of lines then costs
 * dozens of renders, not thousands.
 */
export class FramePainter {
  private onPaint: () => void = () => {};
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPaint = 0;

  constructor(private minGapMs: number) {}

  request = () => {
    if (this.frame !== null || this.timer !== null) return;
    const wait = this.minGapMs - (performance.now() - this.lastPaint);
    if (wait <= 0) this.paint();
    else
      this.timer = setTimeout(() => {
        this.timer = null;
        this.paint();
      }, wait);
  };

  private paint() {
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.lastPaint = performance.now();
      this.onPaint();
    });
  }

  /** What to call on each paint (the component's re-render). */
  listen(onPaint: () => void) {
    this.onPaint = onPaint;
  }

  stop() {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }
}
