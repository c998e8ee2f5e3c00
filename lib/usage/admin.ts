import "server-only";
import { sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { csvField } from "./csv";
import { roundUsd } from "./prices";
import { resolveRange } from "./range";
import { allRows, costliestFirst, numbers, summed, usageSource } from "./rollups";
import type { UsageGroupBy, UsageRow } from "./schemas";
import { usageByModelPerDayFor, usageSummaryFor, type RangeInput } from "./usage";

/*
 * Usage across every user, for the admin console (/admin/usage). Each
 * function checks the caller's role first (anyone else: not_found), then
 * reads with the `{ all: true }` scope of lib/usage/usage.ts.
 */

/** Everyone's usage in the range, grouped by day, model, project, agent or provider, with totals. */
export async function adminUsageSummary(actor: Actor, options: RangeInput & { groupBy?: UsageGroupBy } = {}) {
  await assertAdmin(actor);
  return usageSummaryFor({ all: true }, options);
}

/** Everyone's usage per UTC day and model: the admin chart's data. */
export async function adminUsageByModelPerDay(actor: Actor, options: RangeInput = {}) {
  await assertAdmin(actor);
  return usageByModelPerDayFor({ all: true }, options);
}

/**
 * Usage per user in the range, costliest first: `key` is the user id and
 * `name` their email. (A dedicated query rather than a "user" groupBy: the
 * groups of lib/usage/schemas.ts are the public API's, and users never see
 * each other.) Usage records go with a deleted account, so every row has a user.
 */
export async function adminUsageByUser(actor: Actor, options: RangeInput = {}) {
  await assertAdmin(actor);
  const range = resolveRange(options);
  const rows = await allRows<UsageRow>(sql`SELECT s.user_id AS "key", ${users.email} AS "name", ${summed}
    FROM (${usageSource({ all: true }, range, "total")}) AS s INNER JOIN ${users} ON ${users.id} = s.user_id
    GROUP BY s.user_id HAVING sum(records) > 0 ORDER BY ${costliestFirst}, ${users.email}`);
  return { ...range, data: rows.map((row) => ({ ...numbers(row), costUsd: roundUsd(Number(row.costUsd)) })) };
}

/** The by-user report as CSV, in the same form as lib/usage/csv.ts (user_id, email, then the numbers). */
export function usageByUserCsv(rows: UsageRow[]): string {
  const header = ["user_id", "email", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd", "runs"];
  const lines = rows.map((row) =>
    [row.key, row.name, row.inputTokens, row.outputTokens, row.cacheReadTokens, row.cacheWriteTokens, row.costUsd.toFixed(6), row.runs]
      .map(csvField)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
