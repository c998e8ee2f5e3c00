import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agents, projects, usageRecords } from "@/db/schema";
import type { UsageReport } from "@/lib/executors/types";
import { costOf, priceFor, roundUsd } from "./prices";
import { providerName } from "./provider-names";
import { resolveRange, type UsageRange } from "./range";
import { allRows, costliestFirst, numbers, summed, usageSource, type UsageScope } from "./rollups";
import type { UsageGroupBy, UsageResponse, UsageRow, UsageTotals } from "./schemas";

/**
 * Whose usage a query covers. Users' pages and the API pass `{ userId }`;
 * `{ all: true }` is for the admin console, which must check the caller's
 * role first (see lib/admin) and then call usageSummaryFor({ all: true }, ...).
 */
export type { UsageScope };

/** `from`/`to` as the API takes them (a date or an ISO datetime); both default to the last 30 days. */
export type RangeInput = { from?: string; to?: string };

const count = (n: unknown) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

/**
 * Records what a finished run used: one row per run, so calling it again for
 * the same run (a retried job) replaces the numbers instead of adding to
 * them. The cost is the provider's when it reported one, else the tokens
 * priced from the models table (0 when the model has no price there).
 * `model` is the run's configured model, used when the report names none.
 * Returns the cost in USD.
 */
export async function recordRunUsage(input: {
  userId: string;
  projectId?: string | null;
  agentId?: string | null;
  runId: string;
  model?: string | null;
  /** Who served the run (`providerKeyFor`, lib/usage/providers.ts); '' when none. */
  provider?: string;
  report: UsageReport;
}): Promise<number> {
  const { report } = input;
  const tokens = {
    inputTokens: count(report.inputTokens),
    outputTokens: count(report.outputTokens),
    cacheReadTokens: count(report.cacheReadTokens),
    cacheWriteTokens: count(report.cacheWriteTokens),
  };
  const model = report.model?.trim() || input.model?.trim() || "unknown";
  let costUsd: number;
  if (typeof report.costUsd === "number" && Number.isFinite(report.costUsd) && report.costUsd >= 0) {
    costUsd = roundUsd(report.costUsd);
  } else {
    const price = await priceFor(model);
    costUsd = price ? costOf(tokens, price) : 0;
  }

  await db()
    .insert(usageRecords)
    .values({
      userId: input.userId,
      projectId: input.projectId ?? null,
      agentId: input.agentId ?? null,
      runId: input.runId,
      model,
      provider: input.provider ?? "",
      ...tokens,
      costUsd,
    })
    .onConflictDoUpdate({
      target: usageRecords.runId,
      set: {
        projectId: sql`excluded.project_id`,
        agentId: sql`excluded.agent_id`,
        model: sql`excluded.model`,
        provider: sql`excluded.provider`,
        inputTokens: sql`excluded.input_tokens`,
        outputTokens: sql`excluded.output_tokens`,
        cacheReadTokens: sql`excluded.cache_read_tokens`,
        cacheWriteTokens: sql`excluded.cache_write_tokens`,
        costUsd: sql`excluded.cost_usd`,
      },
      // A run id never moves between users; this keeps a wrong caller from rewriting someone else's record.
      setWhere: eq(usageRecords.userId, input.userId),
    });
  return costUsd;
}

// ------------------------------------------------------------------ queries
// Reports read usage_rollups (lib/usage/rollups.ts), which triggers on usage_records keep in the
// same transaction as each write above: a year of a million runs is a few thousand rollup rows.

const zero: UsageTotals = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, runs: 0 };

function totalsOf<T extends UsageTotals>(row: T): T {
  return { ...numbers(row), costUsd: roundUsd(Number(row.costUsd)) };
}

function groupedRows(scope: UsageScope, range: UsageRange, groupBy: UsageGroupBy): Promise<UsageRow[]> {
  switch (groupBy) {
    case "day":
      return allRows(sql`SELECT day AS "key", day AS "name", ${summed} FROM (${usageSource(scope, range, "total", { byDay: true })})
        GROUP BY day HAVING sum(records) > 0 ORDER BY day`);
    case "provider":
      // Key '' is usage with no provider (script runs): a row with a null key and name.
      return allRows<UsageRow>(sql`SELECT nullif(key, '') AS "key", key AS "name", ${summed} FROM (${usageSource(scope, range, "provider")})
        GROUP BY key HAVING sum(records) > 0 ORDER BY ${costliestFirst}, key`).then((rows) =>
        rows.map((row) => ({ ...row, name: providerName(String(row.name ?? "")) })),
      );
    case "model":
      return allRows(sql`SELECT key AS "key", key AS "name", ${summed} FROM (${usageSource(scope, range, "model")})
        GROUP BY key HAVING sum(records) > 0 ORDER BY ${costliestFirst}, key`);
    case "project":
    case "agent": {
      // Usage of a deleted project or agent has the key '' (its records' id was set to NULL).
      const table = groupBy === "project" ? projects : agents;
      // Grouped first, then named: one lookup per group, not per rollup row.
      return allRows(sql`SELECT nullif(g.key, '') AS "key", ${table.name} AS "name", g."inputTokens", g."outputTokens",
          g."cacheReadTokens", g."cacheWriteTokens", g."costUsd", g."runs"
        FROM (SELECT key, ${summed}, sum(input_tokens + output_tokens) AS tokens FROM (${usageSource(scope, range, groupBy)})
          GROUP BY key HAVING sum(records) > 0) AS g
        LEFT JOIN ${table} ON ${table.id} = g.key
        ORDER BY g."costUsd" DESC, g.tokens DESC, ${table.name}`);
    }
  }
}

/** Any scope's usage, grouped; callers check who may see that scope. */
export async function usageSummaryFor(
  scope: UsageScope,
  options: RangeInput & { groupBy?: UsageGroupBy } = {},
): Promise<UsageResponse> {
  const range = resolveRange(options);
  const groupBy = options.groupBy ?? "day";
  const [rows, [totals]] = await Promise.all([
    groupedRows(scope, range, groupBy),
    allRows<UsageTotals>(sql`SELECT ${summed} FROM (${usageSource(scope, range, "total")})`),
  ]);
  return {
    data: rows.map(totalsOf),
    from: range.from,
    to: range.to,
    groupBy,
    totals: totalsOf(totals ?? zero),
  };
}

/**
 * One user's usage between `from` and `to` (default: the last 30 days),
 * grouped by UTC day (oldest first), model, project, agent or provider
 * (costliest first), with totals. Usage of a deleted project or agent, and
 * usage with no provider (scripts), is one row with a null key and name.
 */
export function usageSummary(userId: string, options: RangeInput & { groupBy?: UsageGroupBy } = {}) {
  return usageSummaryFor({ userId }, options);
}

export type DailyModelUsage = UsageTotals & { day: string; model: string };

/** Any scope's usage per UTC day and model, oldest day first: the /usage chart's data. */
export async function usageByModelPerDayFor(scope: UsageScope, options: RangeInput = {}) {
  const range = resolveRange(options);
  const rows = await allRows<DailyModelUsage>(sql`SELECT day AS "day", key AS "model", ${summed}
    FROM (${usageSource(scope, range, "model", { byDay: true })}) GROUP BY day, key HAVING sum(records) > 0 ORDER BY day, key`);
  return { ...range, data: rows.map(totalsOf) };
}

/** One user's usage per UTC day and model (default: the last 30 days). */
export function usageByModelPerDay(userId: string, options: RangeInput = {}) {
  return usageByModelPerDayFor({ userId }, options);
}
