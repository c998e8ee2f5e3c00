import { describe, expect, it } from "vitest";
import { detailOf, isErrorItem, LogSearch, LogStore, summaryOf } from "./log-store";
import type { RunStreamEvent } from "./run-stream";

const log = (seq: number, text: string, kind = "text", data?: Record<string, unknown>): RunStreamEvent => ({
  seq,
  event: "log",
  data: { stream: "stdout", kind, text, ...(data ? { data } : {}) },
});

describe("LogStore", () => {
  it("ignores events it has seen, keeps order, and estimates heights from line counts", () => {
    const store = new LogStore(20);
    expect(store.append([log(1, "a"), log(2, "b\nc"), log(2, "dup"), log(1, "old")])).toBe(2);
    expect(store.append([log(3, "d"), { seq: 4, event: "usage", data: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 } }])).toBe(1);
    expect(store.lastSeq).toBe(4);
    expect(store.items.map((i) => i.text)).toEqual(["a", "b\nc", "d"]);
    expect(store.heights).toEqual([20, 40, 20]);
    expect([store.topOf(0), store.topOf(1), store.topOf(2)]).toEqual([0, 20, 60]);
    expect(store.totalHeight).toBe(80);
  });

  it("finds the item at a pixel offset and moves the ones below when a height is measured", () => {
    const store = new LogStore(20);
    store.append(Array.from({ length: 200_000 }, (_, i) => log(i + 1, `line ${i}`)));
    expect(store.totalHeight).toBe(4_000_000);
    expect(store.indexAt(0)).toBe(0);
    expect(store.indexAt(19)).toBe(0);
    expect(store.indexAt(20)).toBe(1);
    expect(store.indexAt(2_000_010)).toBe(100_000);
    expect(store.setHeight(10, 60)).toBe(40);
    expect(store.topOf(11)).toBe(260);
    expect(store.indexAt(2_000_050)).toBe(100_000);
    expect(store.totalHeight).toBe(4_000_040);
  });

  it("folds tool calls to their first line and opens them on demand", () => {
    const store = new LogStore(20);
    store.append([log(1, "Read a.ts", "tool_use", { tool: "Read", input: { path: "a.ts" } }), log(2, "one line", "tool_result"), log(3, "ok\nsecond\nthird", "tool_result")]);
    const [use, plain, result] = store.items;
    expect(use!.foldable).toBe(true);
    expect(plain!.foldable).toBe(false);
    expect(summaryOf(result!)).toBe("ok");
    expect(detailOf(result!)).toBe("second\nthird");
    expect(store.heights).toEqual([20, 20, 20]);
    store.setOpen(2, true);
    expect(store.heights[2]).toBe(60);
    expect(detailOf(use!)).toContain('"path": "a.ts"');
  });
});

describe("LogSearch", () => {
  it("finds matches anywhere in the store, case-insensitively, and scans only new lines as they arrive", () => {
    const store = new LogStore(20);
    store.append(Array.from({ length: 200_000 }, (_, i) => log(i + 1, `line ${i}`)));
    const search = new LogSearch();
    expect(search.update(store, "LINE 123")).toEqual([123, 1230, 1231, 1232, 1233, 1234, 1235, 1236, 1237, 1238, 1239, ...Array.from({ length: 100 }, (_, i) => 12300 + i), ...Array.from({ length: 1000 }, (_, i) => 123000 + i)]);
    expect(search.has(1230)).toBe(true);
    expect(search.has(1229)).toBe(false);
    store.append([log(200_001, "the Needle"), { seq: 200_002, event: "log", data: { stream: "stdout", kind: "tool_use", text: "Read", data: { path: "needle.ts" } } }]);
    expect(search.update(store, "needle")).toEqual([200_000, 200_001]);
    expect(search.update(store, "")).toEqual([]);
  });

  it("keeps when a line was written and tells error lines apart", () => {
    const store = new LogStore(20);
    store.append([
      { seq: 1, event: "log", data: { stream: "stdout", kind: "text", text: "ok", at: "2026-01-01T00:00:00.000Z" } },
      { seq: 2, event: "log", data: { stream: "stderr", kind: "text", text: "boom" } },
    ]);
    expect(store.items[0]!.at).toBe("2026-01-01T00:00:00.000Z");
    expect(store.items.map(isErrorItem)).toEqual([false, true]);
  });
});
