import "server-only";
import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { agents, apiTokens, images, projects, runMonthCounts, tags, users } from "@/db/schema";
import { PLANS } from "@/lib/domain";
import { limitsFor, PLAN_LIMITS, type PlanLimits } from "@/lib/billing/plans";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { LocalizedError } from "@/lib/i18n/localized-error";

/** Midnight UTC on the first day of `now`'s month, as a stored-time ISO string. */
export function startOfMonthUtc(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

/**
 * How much of one limit a user has used, as SQL over `owner` (an expression
 * for the user's id: `users.id` inside the guarded INSERT, a bound id
 * elsewhere), and which message says that it is full. Every limit a user can
 * pile up against is here, so the INSERT guard, the 403 and the usage shown
 * on /billing and GET /api/v1/me count the same rows.
 */
type Measure = {
  used: (owner: SQL, now: Date) => SQL;
  key: string;
  /** Message when several are added at once (imports). */
  batchKey?: string;
  format?: (n: number) => string;
};

const countOf = (table: typeof tags) => (owner: SQL) => sql`(SELECT count(*) FROM ${table} WHERE ${table.userId} = ${owner})`;

/**
 * Agents and projects in the trash (lib/trash) do not count: deleting one frees its slot, restoring
 * takes one again. Nor does the folder the app keeps for link analyses (a project of kind `links`).
 */
const countLive = (table: typeof agents | typeof projects) => (owner: SQL) =>
  sql`(SELECT count(*) FROM ${table} WHERE ${table.userId} = ${owner} AND ${table.deletedAt} IS NULL${
    table === projects ? sql` AND ${projects.kind} = 'user'` : sql``
  })`;

const MEASURES = {
  agents: { used: countLive(agents), key: "agent.error.limit", batchKey: "agent.error.limitBatch" },
  projects: { used: countLive(projects), key: "project.error.limit", batchKey: "project.error.limitBatch" },
  tags: { used: countOf(tags), key: "tag.error.limit" },
  // Revoked tokens no longer count: revoking one frees its slot.
  apiTokens: {
    used: (owner) => sql`(SELECT count(*) FROM ${apiTokens} WHERE ${apiTokens.userId} = ${owner} AND ${apiTokens.revokedAt} IS NULL)`,
    key: "token.error.limit",
  },
  imageStorageBytes: {
    used: (owner) => sql`(SELECT coalesce(sum(${images.sizeBytes}), 0) FROM ${images} WHERE ${images.userId} = ${owner})`,
    key: "image.error.quota",
    format: formatBytes,
  },
  // One row kept by triggers on agent_runs (db/schema/runs.ts), not a count over a month of runs.
  runsPerMonth: {
    used: (owner, now) =>
      sql`coalesce((SELECT ${runMonthCounts.runs} FROM ${runMonthCounts} WHERE ${runMonthCounts.userId} = ${owner} AND ${runMonthCounts.month} = ${startOfMonthUtc(now).slice(0, 7)}), 0)`,
    key: "run.error.monthlyLimit",
  },
} as const satisfies Record<string, Measure>;

export type LimitedResource = keyof typeof MEASURES & keyof PlanLimits;

/** What `userId` has used of `resource` now (the counts /billing and GET /api/v1/me show). */
export function usedSql(resource: LimitedResource, userId: string, now = new Date()): SQL<number> {
  return MEASURES[resource].used(sql`${userId}`, now).mapWith(Number);
}

/**
 * A condition on the `users` row (the query must select FROM users, WHERE
 * users.id = the owner) that holds when `adding` more (rows, or bytes for
 * imageStorageBytes) fit the plan's limit (lib/billing/plans.ts). Put it in
 * the WHERE of an `INSERT ... SELECT ... FROM users` (guardedInsert): SQLite
 * runs that one statement under the write lock, so two concurrent creates
 * cannot both take the last slot, and no write lock is ever held across an
 * await (which, on an embedded database, would block this very process).
 */
export function planLimitCondition(resource: LimitedResource, adding = 1, now = new Date()): SQL {
  const limit = planNumberSql(resource, users.plan, 0);
  const current = MEASURES[resource].used(sql`${users.id}`, now);
  return sql`(${limit} IS NULL OR ${current} + ${adding} <= ${limit})`;
}

/**
 * One plan number as SQL, `(CASE <plan> WHEN 'FREE' THEN 3 ... ELSE <otherwise> END)`,
 * with NULL for unlimited: the only place a query turns PLAN_LIMITS into SQL, so
 * no plan's number is ever spelled in a query (guarded inserts, the job claim's
 * concurrent-run limit, log retention).
 */
export function planNumberSql(key: keyof PlanLimits, plan: SQLiteColumn | SQL, otherwise: number): SQL {
  const cases = sql.join(
    PLANS.map((name) => {
      const value = PLAN_LIMITS[name][key];
      return sql`WHEN ${name} THEN ${value === null ? sql`NULL` : sql`${value}`}`;
    }),
    sql` `,
  );
  return sql`(CASE ${plan} ${cases} ELSE ${otherwise} END)`;
}

/** planNumberSql as text and arguments, for the queue's hand-written SQL (`plan` is a column there, e.g. "u.plan"). */
export function planNumberQuery(key: keyof PlanLimits, plan: string, otherwise: number): { sql: string; args: (string | number)[] } {
  const query = new SQLiteSyncDialect().sqlToQuery(planNumberSql(key, sql.raw(plan), otherwise));
  return { sql: query.sql, args: query.params as (string | number)[] };
}

/**
 * Why an insert guarded by planLimitCondition was refused: the 403 that says
 * which plan allows how much, and where to upgrade. Also usable as a cheap
 * early check (returns null when `adding` more would still fit right now).
 */
export async function planLimitError(userId: string, resource: LimitedResource, adding = 1): Promise<AppError | null> {
  const [row] = await db()
    .select({ plan: users.plan, current: usedSql(resource, userId) })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return new AppError("unauthorized", "Your account no longer exists.");
  const limit = limitsFor(row.plan)[resource];
  if (limit === null || row.current + adding <= limit) return null;
  const measure: Measure = MEASURES[resource];
  const key = adding > 1 && measure.batchKey ? measure.batchKey : measure.key;
  const show = measure.format ?? ((n: number) => n);
  return new LocalizedError("forbidden", { key, vars: { plan: row.plan, limit: show(limit), current: show(row.current), adding: show(adding) } });
}

/**
 * `INSERT INTO table (...) SELECT ... FROM (VALUES ...) JOIN users` for the
 * rows of one owner, inserting all of them or none: only when `condition`
 * (e.g. planLimitCondition) holds for the owner's users row. One statement,
 * so it is atomic and takes the write lock only while it runs. Every row must
 * give the same keys; values are encoded like drizzle's own inserts (JSON,
 * booleans), omitted columns take their defaults. Run it with db().run() and
 * check rowsAffected.
 */
export function guardedInsert<T extends SQLiteTable>(table: T, rows: Array<T["$inferInsert"]>, userId: string, condition: SQL): SQL {
  const columns = getTableColumns(table);
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) throw new Error("guardedInsert needs at least one row");
  const keys = Object.keys(first).filter((k) => first[k] !== undefined && k in columns);
  const names = sql.join(keys.map((k) => sql.identifier(columns[k]!.name)), sql`, `);
  const values = sql.join(
    rows.map((row) => sql`(${sql.join(keys.map((k) => sql.param((row as Record<string, unknown>)[k] ?? null, columns[k])), sql`, `)})`),
    sql`, `,
  );
  const picked = sql.join(keys.map((_, i) => sql.raw(`v.column${i + 1}`)), sql`, `);
  return sql`INSERT INTO ${table} (${names}) SELECT ${picked} FROM (VALUES ${values}) AS v JOIN ${users} ON ${users.id} = ${userId} WHERE ${condition}`;
}

/**
 * How many more of `resource` fit the user's plan right now (`left` null: unlimited), for work
 * that takes what fits and reports the rest (imports). The INSERT must still be guarded
 * (planLimitCondition), since another request may take a slot meanwhile.
 */
export async function planRoom(userId: string, resource: LimitedResource): Promise<{ plan: string; limit: number | null; left: number | null }> {
  const [row] = await db()
    .select({ plan: users.plan, current: usedSql(resource, userId) })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new AppError("unauthorized", "Your account no longer exists.");
  const limit = limitsFor(row.plan)[resource];
  return { plan: row.plan, limit, left: limit === null ? null : Math.max(0, limit - row.current) };
}
