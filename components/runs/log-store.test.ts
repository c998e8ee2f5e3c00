import { describe, expect, it } from "vitest";
import { detailOf, LogStore, MAX_LIST_PX, summaryOf } from "./log-store";
import type { RunStreamEvent } from "./run-stream";

const log = (seq: number, text: string, kind = "text", data?: Record<string, unknown>): RunStreamEvent => ({
  seq,
  event: "log",
  data: { stream: "stdout", kind, text, ...(data ? { data } : {}) },
});
const usage = (seq: number): RunStreamEvent => ({ seq, event: "usage", data: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 } });
/** Seqs from..to as "line <seq>". */
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => log(from + i, `line ${from + i}`));

describe("LogStore: a bounded window over the whole log", () => {
  it("places every seq of the log, held or not, so line numbers are seqs and the list is the whole log's height", () => {
    const store = new LogStore(20, 1000);
    store.setTotal(1_000);
    store.load(901, 1000, lines(901, 1000), 1000);
    expect([store.start, store.end, store.size]).toEqual([901, 1000, 100]);
    expect(store.totalHeight).toBe(20_000);
    expect(store.itemAt(950)?.text).toBe("line 950");
    expect(store.itemAt(10)).toBeUndefined();
    // A row not held is a placeholder of one row's height, where its line would be.
    expect(store.topOf(10)).toBe(180);
    expect(store.seqAt(185)).toBe(10);
    expect(store.topOf(950)).toBe(18_980);
    expect(store.seqAt(18_985)).toBe(950);
    // A measured row moves the rows below it, not the ones above.
    expect(store.setHeight(950, 60)).toBe(40);
    expect(store.topOf(951)).toBe(19_040);
    expect(store.topOf(949)).toBe(18_960);
    expect(store.totalHeight).toBe(20_040);
  });

  it("grows by pages next to it, stays within maxRows by dropping the rows far from the reader, and a page elsewhere replaces it", () => {
    const store = new LogStore(20, 5_000);
    store.setTotal(1_000_000);
    store.load(998_001, 1_000_000, lines(998_001, 1_000_000), 1_000_000);
    // Scrolling up: pages before the window's start.
    for (let before = 998_001; before > 990_001; before -= 2000) {
      store.load(before - 2000, before - 1, lines(before - 2000, before - 1), before - 1000);
      expect(store.size).toBeLessThanOrEqual(5_000);
    }
    expect([store.start, store.end]).toEqual([990_001, 995_000]);
    expect(store.itemAt(990_001)?.text).toBe("line 990001");
    // A jump far away (a #L link, a search match): the window moves there whole.
    store.load(499_001, 501_000, lines(499_001, 501_000), 500_000);
    expect([store.start, store.end]).toEqual([499_001, 501_000]);
    expect(store.itemAt(994_000)).toBeUndefined();
    // Memory does not follow the log: a million more lines pass by, the window holds at most maxRows.
    for (let s = 1_000_001; s <= 2_000_000; s += 10_000) store.appendLive(lines(s, s + 9_999), 500_000);
    expect(store.total).toBe(2_000_000);
    expect(store.size).toBe(2_000);
  });

  it("appends live lines only where they continue the window, keeps the reader's rows, and counts the rest", () => {
    const store = new LogStore(20, 1_000);
    store.load(1, 500, lines(1, 500), 500);
    // Following the end: the window slides, the oldest rows go.
    expect(store.appendLive(lines(501, 1_200), 1_200)).toBe(700);
    expect([store.start, store.end]).toEqual([201, 1_200]);
    // Reading line 300: new lines past the window are dropped from it, the rows around 300 stay.
    store.appendLive(lines(1_201, 1_800), 300);
    expect(store.has(300)).toBe(true);
    expect(store.size).toBe(1_000);
    expect(store.total).toBe(1_800);
    // Not continuing the window (it ends at 1,000 now): only counted.
    const end = store.end;
    expect(store.appendLive(lines(1_801, 1_805), 300)).toBe(0);
    expect(store.end).toBe(end);
    expect(store.total).toBe(1_805);
    // Seen already: ignored.
    expect(store.appendLive(lines(10, 20), 300)).toBe(0);
  });

  it("holds a usage event as a row that shows nothing, and a seq without an event (a pruned log) as a line that says so", () => {
    const store = new LogStore(20);
    store.load(1, 5, [log(1, "a"), usage(2), log(3, "b\nc"), log(5, "e")], 1);
    expect(store.itemAt(2)).toBeNull();
    expect(store.itemAt(4)).toMatchObject({ seq: 4, kind: "missing" });
    expect([1, 2, 3, 4, 5].map((s) => store.heightOf(s))).toEqual([20, 0, 40, 20, 20]);
    expect(store.topOf(5)).toBe(80);
    expect(store.seqAt(25)).toBe(3);
    expect(store.totalHeight).toBe(100);
  });

  it("keeps the list under what a browser can scroll: rows not held get shorter for a log of millions", () => {
    const store = new LogStore(20);
    store.setTotal(10_000_000);
    expect(store.placeholderHeight).toBe(MAX_LIST_PX / 10_000_000);
    store.load(1, 100, lines(1, 100), 1);
    expect(store.totalHeight).toBeCloseTo(MAX_LIST_PX + 100 * (20 - MAX_LIST_PX / 10_000_000), 3);
    expect(store.seqAt(store.topOf(5_000_000))).toBe(5_000_000);
  });

  it("folds tool calls to their first line, opens them on demand, and keeps when a line was written", () => {
    const store = new LogStore(20);
    store.load(
      1,
      4,
      [
        log(1, "Read a.ts", "tool_use", { tool: "Read", input: { path: "a.ts" } }),
        log(2, "one line", "tool_result"),
        log(3, "ok\nsecond\nthird", "tool_result"),
        { seq: 4, event: "log", data: { stream: "stdout", kind: "text", text: "ok", at: "2026-01-01T00:00:00.000Z" } },
      ],
      1,
    );
    const [use, plain, result] = [store.itemAt(1)!, store.itemAt(2)!, store.itemAt(3)!];
    expect(use.foldable).toBe(true);
    expect(plain.foldable).toBe(false);
    expect(summaryOf(result)).toBe("ok");
    expect(detailOf(result)).toBe("second\nthird");
    expect(store.heightOf(3)).toBe(20);
    store.setOpen(3, true);
    expect(store.heightOf(3)).toBe(60);
    expect(detailOf(use)).toContain('"path": "a.ts"');
    expect(store.itemAt(4)?.at).toBe("2026-01-01T00:00:00.000Z");
  });
});
