import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { usageRecords, usageRollups, type UsageDimension, type UsageRollupDimension } from "@/db/schema";
import { DAY_MS, type UsageRange } from "./range";

/*
 * Reads of usage_rollups (kept by triggers on usage_records; see
 * db/schema/usage.ts). A range covers whole UTC months from the monthly
 * rollups, whole days from the daily ones, and its partial first and last
 * days, when `from`/`to` are instants inside a day, from the raw records (an
 * index range on created_at, at most two days). The result equals aggregating the raw records; the reports read
 * hundreds of rollup rows instead of up to millions of records.
 */

export type UsageScope = { userId: string } | { all: true };

/** Sums of one group, as the SQL below names them. */
export type SummedRow = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  runs: number;
};

const midnight = (ms: number) => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthStart = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const nextMonth = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

export type RangeParts = {
  /** Whole UTC months [from, to) as 'YYYY-MM', read from the monthly rollups. */
  months: { from: string; to: string } | null;
  /** Whole UTC days [from, to) as 'YYYY-MM-DD' outside those months, from the daily rollups. */
  days: Array<{ from: string; to: string }>;
  /** Instants [from, to) in partial days, from the raw records. */
  edges: Array<[string, string]>;
};

/** A range as whole months, then whole days, then the instants left over at either end. */
export function splitRange(range: UsageRange, { months: useMonths = true } = {}): RangeParts {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const wholeFrom = midnight(from) === from ? from : midnight(from) + DAY_MS;
  const wholeTo = midnight(to);
  if (wholeFrom >= wholeTo) return { months: null, days: [], edges: [[range.from, range.to]] };
  const edges: Array<[string, string]> = [];
  if (from < wholeFrom) edges.push([range.from, new Date(wholeFrom).toISOString()]);
  if (wholeTo < to) edges.push([new Date(wholeTo).toISOString(), range.to]);
  const mFrom = monthStart(wholeFrom) === wholeFrom ? wholeFrom : nextMonth(wholeFrom);
  const mTo = monthStart(wholeTo);
  if (!useMonths || mFrom >= mTo) return { months: null, days: [{ from: dayOf(wholeFrom), to: dayOf(wholeTo) }], edges };
  const days = [
    { from: dayOf(wholeFrom), to: dayOf(mFrom) },
    { from: dayOf(mTo), to: dayOf(wholeTo) },
  ].filter((d) => d.from < d.to);
  return { months: { from: dayOf(mFrom).slice(0, 7), to: dayOf(mTo).slice(0, 7) }, days, edges };
}

const rawKey: Record<UsageDimension, SQL> = {
  total: sql`''`,
  model: sql`${usageRecords.model}`,
  project: sql`coalesce(${usageRecords.projectId}, '')`,
  agent: sql`coalesce(${usageRecords.agentId}, '')`,
  provider: sql`${usageRecords.provider}`,
};

/**
 * Rows (user_id, day, key, records, runs, tokens..., cost_usd) of `dimension`
 * in scope and range: monthly rollups for whole months (unless `byDay`, when
 * the caller groups by day), daily rollups for whole days, raw records for the
 * partial days at the ends. A row's `day` is 'YYYY-MM' when it sums a month.
 */
export function usageSource(scope: UsageScope, range: UsageRange, dimension: UsageDimension, { byDay = false } = {}): SQL {
  const { months, days, edges } = splitRange(range, { months: !byDay });
  const r = usageRollups;
  const u = usageRecords;
  const rollup = (dim: UsageRollupDimension, from: string, to: string) =>
    sql`SELECT ${r.userId} AS user_id, ${r.day} AS day, ${r.key} AS key, ${r.records} AS records, ${r.runs} AS runs,
      ${r.inputTokens} AS input_tokens, ${r.outputTokens} AS output_tokens, ${r.cacheReadTokens} AS cache_read_tokens,
      ${r.cacheWriteTokens} AS cache_write_tokens, ${r.costUsd} AS cost_usd
      FROM ${r} WHERE ${"userId" in scope ? sql`${r.userId} = ${scope.userId} AND ` : sql``}${r.dimension} = ${dim}
      AND ${r.day} >= ${from} AND ${r.day} < ${to}`;
  const parts: SQL[] = [];
  if (months) parts.push(rollup(`${dimension}:month`, months.from, months.to));
  for (const d of days) parts.push(rollup(dimension, d.from, d.to));
  for (const [from, to] of edges) {
    parts.push(sql`SELECT ${u.userId} AS user_id, substr(${u.createdAt}, 1, 10) AS day, ${rawKey[dimension]} AS key, 1 AS records,
      ${u.runId} IS NOT NULL AS runs, ${u.inputTokens} AS input_tokens, ${u.outputTokens} AS output_tokens,
      ${u.cacheReadTokens} AS cache_read_tokens, ${u.cacheWriteTokens} AS cache_write_tokens, ${u.costUsd} AS cost_usd
      FROM ${u} WHERE ${"userId" in scope ? sql`${u.userId} = ${scope.userId} AND ` : sql``}${u.createdAt} >= ${from} AND ${u.createdAt} < ${to}`);
  }
  return sql.join(parts, sql` UNION ALL `);
}

/** The summed columns over a usageSource, named as SummedRow's fields. */
export const summed = sql`coalesce(sum(input_tokens), 0) AS "inputTokens", coalesce(sum(output_tokens), 0) AS "outputTokens",
  coalesce(sum(cache_read_tokens), 0) AS "cacheReadTokens", coalesce(sum(cache_write_tokens), 0) AS "cacheWriteTokens",
  coalesce(sum(cost_usd), 0) AS "costUsd", coalesce(sum(runs), 0) AS "runs"`;

/** Costliest first, then most tokens: the order of every report but the daily one. */
export const costliestFirst = sql`sum(cost_usd) DESC, sum(input_tokens + output_tokens) DESC`;

/** Sums as numbers (the driver may hand integers back as bigint-safe numbers or strings). */
export function numbers<T extends SummedRow>(row: T): T {
  return {
    ...row,
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
    cacheReadTokens: Number(row.cacheReadTokens),
    cacheWriteTokens: Number(row.cacheWriteTokens),
    costUsd: Number(row.costUsd),
    runs: Number(row.runs),
  };
}

export function allRows<T>(query: SQL): Promise<T[]> {
  return db().all<T>(query);
}
