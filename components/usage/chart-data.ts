/*
 * Turns per-day, per-model usage rows into the stacked series the daily
 * chart draws. Pure, and tested on its own (chart-data.test.ts).
 */

export type ChartMetric = "cost" | "tokens";

export type DailyModelRow = {
  day: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
};

export type ChartSeries = {
  /** The model's name, or null for the "other models" bucket. */
  model: string | null;
  /** One value per day of `days`, in order. */
  values: number[];
  total: number;
};

export type ChartData = {
  days: string[];
  /** Costliest (or biggest) first; the "other models" bucket, if any, last. */
  series: ChartSeries[];
  dayTotals: number[];
  total: number;
  /** Index into `days` of the biggest day; -1 when every day is 0. */
  peak: number;
};

/** How many models get their own colour; the rest share "other models". */
export const MAX_SERIES = 6;

export function metricOf(row: DailyModelRow, metric: ChartMetric): number {
  return metric === "cost" ? row.costUsd : row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens;
}

export function buildChartData(days: string[], rows: DailyModelRow[], metric: ChartMetric, maxSeries = MAX_SERIES): ChartData {
  const index = new Map(days.map((day, i) => [day, i]));
  const byModel = new Map<string, number[]>();
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    const values = byModel.get(row.model) ?? days.map(() => 0);
    values[i]! += metricOf(row, metric);
    byModel.set(row.model, values);
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const ranked = [...byModel.entries()]
    .map(([model, values]) => ({ model, values, total: sum(values) }))
    .filter((s) => s.total > 0)
    .sort((a, b) => b.total - a.total || a.model.localeCompare(b.model));

  let series: ChartSeries[] = ranked;
  if (ranked.length > maxSeries) {
    const rest = ranked.slice(maxSeries - 1);
    const values = days.map((_, i) => rest.reduce((a, s) => a + s.values[i]!, 0));
    series = [...ranked.slice(0, maxSeries - 1), { model: null, values, total: sum(values) }];
  }

  const dayTotals = days.map((_, i) => series.reduce((a, s) => a + s.values[i]!, 0));
  let peak = -1;
  dayTotals.forEach((v, i) => {
    if (v > 0 && (peak < 0 || v > dayTotals[peak]!)) peak = i;
  });
  return { days, series, dayTotals, total: sum(dayTotals), peak };
}

/** A round number at or above `max` for the top of the axis: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= max * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** Which days get a label under the axis: about `count` of them, always including the last (today). */
export function labelledDays(n: number, count = 6): Set<number> {
  const step = Math.max(1, Math.ceil(n / count));
  const out = new Set<number>();
  for (let i = n - 1; i >= 0; i -= step) out.add(i);
  return out;
}
