import type { RunStreamEvent } from "./run-stream";

/**
 * The run page's lines, outside React state, as a bounded window over the
 * whole log: the list is every seq 1..total (a line's number is its seq), but
 * only the seqs start..end are held (at most `maxRows`); the rest are
 * placeholders of a fixed height, so the scroll bar stands for the whole log
 * while memory stays the same for 1,000 lines or 10,000,000. Loading a page
 * next to the window extends it; a page elsewhere replaces it; past
 * `maxRows` the rows farthest from where the reader is are dropped.
 *
 * A held seq is a LogItem, or null when it shows nothing (a usage event); an
 * event no longer stored is an item of kind "missing". Each held row keeps its height (estimated from
 * its line count until the list measures it) and its top within the window,
 * so the list finds the visible rows by binary search.
 */

export type LogItem = {
  seq: number;
  /** Log kind ("text", "tool_use", ...), "status" for a status change, "missing" for an event no longer stored. */
  kind: string;
  stream: "stdout" | "stderr" | "system";
  level?: string;
  text: string;
  /** Structured extras (tool input) shown when a folded item is opened. */
  data?: Record<string, unknown>;
  /** When it was written (ISO), if the stream said. */
  at?: string;
  /** Tool calls and results fold to their first line. */
  foldable: boolean;
  open: boolean;
};

const FOLDABLE = new Set(["tool_use", "tool_result"]);
/** Keep the list's whole height under what every browser can scroll (Firefox stops near 17.9 million pixels). */
export const MAX_LIST_PX = 15_000_000;

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The first line of a folded item (its summary). */
export function summaryOf(item: LogItem): string {
  const nl = item.text.indexOf("\n");
  return nl === -1 ? item.text : item.text.slice(0, nl);
}

/** What an opened folded item shows below its summary. */
export function detailOf(item: LogItem): string {
  const nl = item.text.indexOf("\n");
  const rest = nl === -1 ? "" : item.text.slice(nl + 1);
  const data = item.data && Object.keys(item.data).length > 0 ? JSON.stringify(item.data, null, 2) : "";
  return [rest, data].filter(Boolean).join("\n");
}

/** The row an event shows as, or null for one that shows nothing (usage). */
export function itemOf(e: RunStreamEvent): LogItem | null {
  if (e.event === "log") {
    const d = e.data;
    let text = typeof d.text === "string" ? d.text : "";
    if (text.endsWith("\n")) text = text.slice(0, -1);
    const hasDetail = text.includes("\n") || (d.data !== undefined && Object.keys(d.data).length > 0);
    const at = typeof d.at === "string" ? d.at : undefined;
    return { seq: e.seq, kind: d.kind, stream: d.stream, level: d.level, text, data: d.data, at, foldable: FOLDABLE.has(d.kind) && hasDetail, open: false };
  }
  if (e.event === "status") {
    return { seq: e.seq, kind: "status", stream: "system", level: e.data.status === "failed" ? "error" : undefined, text: e.data.status, data: e.data.error ? { error: e.data.error } : undefined, at: e.data.at, foldable: false, open: false };
  }
  return null;
}

export class LogStore {
  /** The log's length as far as we know: its seqs are 1..total. */
  total = 0;
  /** The held window, seqs start..end (empty when start > end). */
  start = 1;
  end = 0;
  private rows: (LogItem | null)[] = [];
  private heights: number[] = [];
  /** Top of each held row within the window; valid below `dirtyFrom`. */
  private tops: number[] = [];
  private dirtyFrom = 0;

  constructor(
    public rowHeight = 20,
    public maxRows = 10_000,
  ) {}

  /** How many seqs are held. */
  get size() {
    return this.end - this.start + 1;
  }

  /** Whether seq's row is held (a null row is held too: it shows nothing). */
  has(seq: number): boolean {
    return seq >= this.start && seq <= this.end;
  }

  /** The row of seq: a LogItem, null (shows nothing), or undefined (not held). */
  itemAt(seq: number): LogItem | null | undefined {
    return this.has(seq) ? this.rows[seq - this.start] : undefined;
  }

  /** The height of a row not held; below rowHeight only when the log is too long to scroll at full height. */
  get placeholderHeight(): number {
    return this.total * this.rowHeight <= MAX_LIST_PX ? this.rowHeight : MAX_LIST_PX / this.total;
  }

  setTotal(total: number) {
    if (total > this.total) this.total = total;
  }

  private estimate(item: LogItem | null): number {
    if (!item) return 0;
    if (item.foldable && !item.open) return this.rowHeight;
    if (item.foldable) return this.rowHeight * (1 + lineCount(detailOf(item)));
    return this.rowHeight * lineCount(item.text);
  }

  /**
   * A page covering seqs from..to (its events; a seq without one holds null).
   * Next to or over the window it extends it, elsewhere it replaces it; then
   * the window is cut to maxRows around `focus` (the seq the reader looks at).
   */
  load(from: number, to: number, events: RunStreamEvent[], focus: number) {
    this.setTotal(to);
    if (to < from) return;
    const byseq = new Map(events.map((e) => [e.seq, e]));
    const page: (LogItem | null)[] = [];
    for (let seq = from; seq <= to; seq++) {
      const e = byseq.get(seq);
      // A seq the server has no event for (a pruned log) still takes a line: a screen of
      // rows that show nothing would never fill, and the loader would never stop.
      page.push(e ? itemOf(e) : { seq, kind: "missing", stream: "system", text: "", foldable: false, open: false });
    }
    const touches = this.size > 0 && from <= this.end + 1 && to >= this.start - 1;
    if (!touches) {
      this.reset(from, page);
    } else {
      // Keep what is held (measured heights, opened items); add what the page has beyond it.
      const before = from < this.start ? page.slice(0, this.start - from) : [];
      const after = to > this.end ? page.slice(this.end + 1 - from) : [];
      if (before.length) {
        this.rows = before.concat(this.rows);
        this.heights = before.map((item) => this.estimate(item)).concat(this.heights);
        this.start -= before.length;
        this.dirtyFrom = 0;
      }
      for (const item of after) {
        this.rows.push(item);
        this.heights.push(this.estimate(item));
      }
      this.end += after.length;
    }
    this.trim(focus);
  }

  /** Live events (in seq order): appended when they continue the window's end, else only counted. */
  appendLive(events: RunStreamEvent[], focus: number): number {
    let added = 0;
    for (const e of events) {
      this.setTotal(e.seq);
      if (e.seq !== this.end + 1) continue;
      const item = itemOf(e);
      this.rows.push(item);
      this.heights.push(this.estimate(item));
      this.end++;
      added++;
    }
    if (added) this.trim(focus);
    return added;
  }

  private reset(start: number, rows: (LogItem | null)[]) {
    this.start = start;
    this.end = start + rows.length - 1;
    this.rows = rows;
    this.heights = rows.map((item) => this.estimate(item));
    this.tops = [];
    this.dirtyFrom = 0;
  }

  /** Cut the window to maxRows, keeping the rows around `focus`. */
  private trim(focus: number) {
    if (this.size <= this.maxRows) return;
    const keepFrom = Math.min(Math.max(this.start, Math.round(focus - this.maxRows / 2)), this.end - this.maxRows + 1);
    const drop = keepFrom - this.start;
    this.rows = this.rows.slice(drop, drop + this.maxRows);
    this.heights = this.heights.slice(drop, drop + this.maxRows);
    this.start = keepFrom;
    this.end = keepFrom + this.maxRows - 1;
    if (drop > 0) {
      this.tops = [];
      this.dirtyFrom = 0;
    }
  }

  private settle(upTo: number) {
    const n = this.rows.length;
    if (this.tops.length > n) this.tops.length = n;
    let i = Math.min(this.dirtyFrom, this.tops.length);
    let top = i === 0 ? 0 : this.tops[i - 1]! + this.heights[i - 1]!;
    const end = Math.min(n, upTo + 1);
    for (; i < end; i++) {
      this.tops[i] = top;
      top += this.heights[i]!;
    }
    this.dirtyFrom = Math.max(this.dirtyFrom, i);
  }

  private get windowTop(): number {
    return (this.start - 1) * this.placeholderHeight;
  }

  private get windowHeight(): number {
    const n = this.rows.length;
    if (n === 0) return 0;
    this.settle(n - 1);
    return this.tops[n - 1]! + this.heights[n - 1]!;
  }

  /** Pixel top of seq's row in the whole list. */
  topOf(seq: number): number {
    const ph = this.placeholderHeight;
    if (this.size <= 0 || seq < this.start) return (seq - 1) * ph;
    if (seq > this.end) return this.windowTop + this.windowHeight + (seq - this.end - 1) * ph;
    const i = seq - this.start;
    if (i >= this.dirtyFrom || i >= this.tops.length) this.settle(i);
    return this.windowTop + this.tops[i]!;
  }

  heightOf(seq: number): number {
    return this.has(seq) ? this.heights[seq - this.start]! : this.placeholderHeight;
  }

  get totalHeight(): number {
    return this.topOf(this.total + 1);
  }

  /** The seq whose row covers pixel `y` (clamped to 1..total). */
  seqAt(y: number): number {
    if (this.total === 0) return 1;
    const ph = this.placeholderHeight;
    const clamp = (seq: number) => Math.min(this.total, Math.max(1, seq));
    const top = this.windowTop;
    if (this.size <= 0 || y < top) return clamp(Math.floor(y / ph) + 1);
    const height = this.windowHeight;
    if (y >= top + height) return clamp(this.end + 1 + Math.floor((y - top - height) / ph));
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (top + this.tops[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return this.start + lo;
  }

  /** A measured height differs from what we had: everything below moves. Returns the change in pixels. */
  setHeight(seq: number, height: number): number {
    if (!this.has(seq)) return 0;
    const i = seq - this.start;
    const delta = height - this.heights[i]!;
    if (delta === 0) return 0;
    this.heights[i] = height;
    if (i + 1 < this.dirtyFrom) this.dirtyFrom = i + 1;
    return delta;
  }

  /** Open or close a folded item; its height is re-estimated until measured again. */
  setOpen(seq: number, open: boolean) {
    const item = this.itemAt(seq);
    if (!item || !item.foldable || item.open === open) return;
    item.open = open;
    this.setHeight(seq, this.estimate(item));
  }
}
