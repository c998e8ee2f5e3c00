import { describe, expect, it } from "vitest";
import { buildChartData, labelledDays, niceCeiling, type DailyModelRow } from "./chart-data";

const row = (day: string, model: string, costUsd: number, tokens = 0): DailyModelRow => ({
  day,
  model,
  inputTokens: tokens,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd,
});

describe("buildChartData", () => {
  const days = ["2026-11-01", "2026-11-02", "2026-11-03"];

  it("lays each model's values over every day, biggest model first, with day totals and the peak", () => {
    const data = buildChartData(days, [row("2026-11-01", "a", 1), row("2026-11-03", "b", 5), row("2026-11-03", "a", 0.5)], "cost");
    expect(data.series).toEqual([
      { model: "b", values: [0, 0, 5], total: 5 },
      { model: "a", values: [1, 0, 0.5], total: 1.5 },
    ]);
    expect(data.dayTotals).toEqual([1, 0, 5.5]);
    expect(data.total).toBe(6.5);
    expect(data.peak).toBe(2);
  });

  it("charts tokens instead of cost, drops models with nothing to show, and ignores days outside the range", () => {
    const data = buildChartData(days, [row("2026-11-02", "free", 0, 300), row("2026-11-02", "none", 0, 0), row("2026-10-01", "old", 9, 9)], "tokens");
    expect(data.series).toEqual([{ model: "free", values: [0, 300, 0], total: 300 }]);
    expect(buildChartData(days, [row("2026-11-02", "free", 0, 300)], "cost")).toMatchObject({ series: [], total: 0, peak: -1 });
  });

  it("folds the smallest models into one 'other' series", () => {
    const rows = ["a", "b", "c", "d"].map((m, i) => row("2026-11-01", m, 10 - i));
    const data = buildChartData(days, rows, "cost", 3);
    expect(data.series.map((s) => [s.model, s.total])).toEqual([
      ["a", 10],
      ["b", 9],
      [null, 15],
    ]);
  });
});

describe("axis helpers", () => {
  it("rounds the top of the axis up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 0.003, 0.8, 1, 1.2, 2.2, 3, 7, 42, 1234].map(niceCeiling)).toEqual([1, 0.005, 1, 1, 2, 2.5, 5, 10, 50, 2000]);
  });

  it("labels about six days, always the last", () => {
    expect([...labelledDays(7)].sort((a, b) => a - b)).toEqual([0, 2, 4, 6]);
    expect(labelledDays(30).has(29)).toBe(true);
    expect(labelledDays(30).size).toBe(6);
    expect(labelledDays(1)).toEqual(new Set([0]));
  });
});
