import type { RunStreamEvent } from "./run-stream";

/**
 * The live view's lines, outside React state: appending 200,000 events must
 * not copy arrays or re-render per event. Each item keeps its height in
 * pixels (estimated from its line count until the list measures it) and its
 * top offset, so the virtual list finds the visible items by binary search.
 */

export type LogItem = {
  seq: number;
  /** Log kind ("text", "tool_use", ...) or "status" for a status change. */
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

export class LogStore {
  items: LogItem[] = [];
  /** Pixel height of each item (estimated, then measured). */
  heights: number[] = [];
  /** Pixel top of each item; valid below `dirtyFrom`. */
  private tops: number[] = [];
  private dirtyFrom = 0;
  lastSeq = 0;

  constructor(public rowHeight = 20) {}

  get length() {
    return this.items.length;
  }

  private estimate(item: LogItem): number {
    if (item.foldable && !item.open) return this.rowHeight;
    if (item.foldable) return this.rowHeight * (1 + lineCount(detailOf(item)));
    return this.rowHeight * lineCount(item.text);
  }

  /** Add the events of one batch; ignores any seq already seen. Returns how many items were added. */
  append(events: RunStreamEvent[]): number {
    let added = 0;
    for (const e of events) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      let item: LogItem | null = null;
      if (e.event === "log") {
        const d = e.data;
        let text = typeof d.text === "string" ? d.text : "";
        if (text.endsWith("\n")) text = text.slice(0, -1);
        const hasDetail = text.includes("\n") || (d.data !== undefined && Object.keys(d.data).length > 0);
        const at = typeof d.at === "string" ? d.at : undefined;
        item = { seq: e.seq, kind: d.kind, stream: d.stream, level: d.level, text, data: d.data, at, foldable: FOLDABLE.has(d.kind) && hasDetail, open: false };
      } else if (e.event === "status") {
        item = { seq: e.seq, kind: "status", stream: "system", level: e.data.status === "failed" ? "error" : undefined, text: e.data.status, data: e.data.error ? { error: e.data.error } : undefined, at: e.data.at, foldable: false, open: false };
      }
      if (!item) continue;
      this.items.push(item);
      this.heights.push(this.estimate(item));
      added++;
    }
    return added;
  }

  private settle(upTo: number) {
    const n = this.items.length;
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

  topOf(index: number): number {
    if (index >= this.dirtyFrom || index >= this.tops.length) this.settle(index);
    return this.tops[index]!;
  }

  get totalHeight(): number {
    const n = this.items.length;
    if (n === 0) return 0;
    return this.topOf(n - 1) + this.heights[n - 1]!;
  }

  /** A measured height differs from what we had: everything below moves. Returns the change in pixels. */
  setHeight(index: number, height: number): number {
    const delta = height - this.heights[index]!;
    if (delta === 0) return 0;
    this.heights[index] = height;
    if (index + 1 < this.dirtyFrom) this.dirtyFrom = index + 1;
    return delta;
  }

  /** Open or close a folded item; its height is re-estimated until measured again. */
  setOpen(index: number, open: boolean) {
    const item = this.items[index];
    if (!item || !item.foldable || item.open === open) return;
    item.open = open;
    this.setHeight(index, this.estimate(item));
  }

  /** The index of the item covering pixel `y` (clamped to the list). */
  indexAt(y: number): number {
    const n = this.items.length;
    if (n === 0) return 0;
    this.settle(n - 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.tops[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** What a search looks through: the whole line, and a folded item's hidden detail too. */
export function searchTextOf(item: LogItem): string {
  if (item.kind === "status") return typeof item.data?.error === "string" ? `${item.text} ${item.data.error}` : item.text;
  return item.data && Object.keys(item.data).length > 0 ? `${item.text}\n${JSON.stringify(item.data)}` : item.text;
}

/** An error line: an error level, standard error, or a failed status. */
export function isErrorItem(item: LogItem): boolean {
  return item.level === "error" || item.stream === "stderr";
}

/**
 * Indexes of the items whose text contains `query` (case-insensitive), kept
 * up to date as lines arrive: only the new lines are scanned, so a search
 * over a 200,000-line log costs one pass, then a few lines per batch.
 */
export class LogSearch {
  query = "";
  hits: number[] = [];
  private scanned = 0;
  private needle = "";

  /** Whether item `index` is a match (the hits are in order: a binary search). */
  has(index: number): boolean {
    let lo = 0;
    let hi = this.hits.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.hits[mid]!;
      if (v === index) return true;
      if (v < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  update(store: LogStore, query: string): number[] {
    if (query !== this.query) {
      this.query = query;
      this.needle = query.toLowerCase();
      this.hits = [];
      this.scanned = 0;
    }
    if (!this.needle) return this.hits;
    const items = store.items;
    for (let i = this.scanned; i < items.length; i++) {
      if (searchTextOf(items[i]!).toLowerCase().includes(this.needle)) this.hits.push(i);
    }
    this.scanned = items.length;
    return this.hits;
  }
}
