import type { LogStore } from "./log-store";
import type { RunStreamEvent } from "./run-stream";

/** Seqs per page asked of GET /api/v1/runs/:id/lines. */
export const PAGE = 1000;
/** Rows kept ready beyond each edge of the screen, so scrolling rarely meets a placeholder. */
const MARGIN = 400;

/** What the list shows: seqs first..last; following the end; a seq it wants to go to (a #L link, a match). */
export type LogViewport = { first: number; last: number; following: boolean; target: number | null };

type LinesPage = { data: { seq: number; time: string; event: RunStreamEvent["event"]; data: Record<string, unknown> }[]; from: number; to: number; lastSeq: number };

/** A stored event as the live stream sends it (a log line's `at` is its row's time). */
function streamEvent(e: LinesPage["data"][number]): RunStreamEvent {
  const data = e.event === "log" && e.data.at === undefined ? { ...e.data, at: e.time } : e.data;
  return { seq: e.seq, event: e.event, data } as RunStreamEvent;
}

/**
 * Fills the store's window from GET /api/v1/runs/:id/lines as the reader
 * moves: the page under the screen when it is not held (a jump, a dragged
 * scroll bar), the next page once the screen comes near an edge of the
 * window, the end of the log while following. One request at a time; the
 * list asks again after every render, so it goes on until the screen and its
 * margins are held. Failures are retried with a growing pause.
 */
export class LogLoader {
  private busy = false;
  private failures = 0;
  private retryAt = 0;
  private resolveReady!: (lastSeq: number | null) => void;
  /** Resolves with the log's length when the first page is in (the live stream starts after it), or null when the run is not there. */
  readonly ready = new Promise<number | null>((resolve) => (this.resolveReady = resolve));
  /** The first page is in. */
  started = false;
  /** The run is gone (or no longer ours): nothing more to load. */
  gone = false;
  /** The seq the reader looks at: the window is trimmed around it. */
  focus = 1;

  constructor(
    private runId: string,
    private store: LogStore,
    private changed: () => void,
    private fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  ensure(view: LogViewport) {
    this.focus = view.target ?? (view.following ? this.store.total : Math.round((view.first + view.last) / 2));
    if (this.busy || this.gone || Date.now() < this.retryAt) return;
    const query = this.nextQuery(view);
    if (query) void this.fetchPage(query);
  }

  /** The next page the view needs, as the query of /lines; null when it has all it needs. */
  nextQuery({ first, last, following, target }: LogViewport): string | null {
    const s = this.store;
    const around = (seq: number) => `after=${Math.max(0, seq - PAGE / 2)}&limit=${PAGE}`;
    if (!this.started) return target ? around(target) : `limit=${PAGE}`;
    // A line not written yet (a #L link ahead of a running run) waits until the log reaches it.
    if (target !== null && target <= s.total && !s.has(target)) return around(target);
    if (s.total === 0) return null;
    if (following) {
      if (s.size === 0 || s.end < s.total - PAGE) return `limit=${PAGE}`;
      return s.end < s.total ? `after=${s.end}&limit=${PAGE}` : null;
    }
    if (s.size === 0 || last < s.start - PAGE || first > s.end + PAGE) return around(Math.round((first + last) / 2));
    if (first - MARGIN < s.start && s.start > 1) return `before=${s.start}&limit=${PAGE}`;
    if (last + MARGIN > s.end && s.end < s.total) return `after=${s.end}&limit=${PAGE}`;
    return null;
  }

  private async fetchPage(query: string) {
    this.busy = true;
    try {
      const response = await this.fetchImpl(`/api/v1/runs/${this.runId}/lines?${query}`, { cache: "no-store", headers: { Accept: "application/json" } });
      if (response.status === 401 || response.status === 404) {
        this.gone = true;
        this.resolveReady(null);
        return;
      }
      if (!response.ok) throw new Error(`lines: HTTP ${response.status}`);
      const page = (await response.json()) as LinesPage;
      this.store.setTotal(page.lastSeq);
      this.store.load(page.from, page.to, page.data.map(streamEvent), this.focus);
      this.failures = 0;
      if (!this.started) {
        this.started = true;
        this.resolveReady(page.lastSeq);
      }
    } catch {
      // Offline or a server hiccup: try again after a pause (0.5 s, doubling to 8 s).
      this.failures++;
      const pause = Math.min(8000, 500 * 2 ** (this.failures - 1));
      this.retryAt = Date.now() + pause;
      setTimeout(this.changed, pause);
    } finally {
      this.busy = false;
      this.changed();
    }
  }
}
