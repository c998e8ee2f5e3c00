import "server-only";
import { count, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { agents, PLANS, projects, users } from "@/db/schema";
import { limitsFor, PLAN_LIMITS } from "@/lib/billing/plans";
import { AppError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";

const tables = { agents, projects } as const;
const keys = { agents: "agent", projects: "project" } as const;
export type LimitedResource = keyof typeof tables;

/**
 * A condition on the `users` row (the query must select FROM users, WHERE
 * users.id = the owner) that holds when `adding` more agents or projects fit
 * the plan's limit (lib/billing/plans.ts). Put it in the WHERE of an
 * `INSERT ... SELECT ... FROM users`: SQLite runs that one statement under the
 * write lock, so two concurrent creates cannot both take the last slot, and
 * no write lock is ever held across an await (which, on an embedded database,
 * would block this very process).
 */
export function planLimitCondition(resource: LimitedResource, adding = 1): SQL {
  const table = tables[resource];
  const cases = sql.join(
    PLANS.map((plan) => {
      const limit = PLAN_LIMITS[plan][resource];
      return sql`WHEN ${plan} THEN ${limit === null ? sql`NULL` : sql`${limit}`}`;
    }),
    sql` `,
  );
  const limit = sql`(CASE ${users.plan} ${cases} ELSE 0 END)`;
  const current = sql`(SELECT count(*) FROM ${table} WHERE ${table.userId} = ${users.id})`;
  return sql`(${limit} IS NULL OR ${current} + ${adding} <= ${limit})`;
}

/**
 * Why an insert guarded by planLimitCondition was refused: the 403 that says
 * which plan allows how many, and where to upgrade. Also usable as a cheap
 * early check (returns null when `adding` more would still fit right now).
 */
export async function planLimitError(userId: string, resource: LimitedResource, adding = 1): Promise<AppError | null> {
  const [user] = await db().select({ plan: users.plan }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return new AppError("unauthorized", "Your account no longer exists.");
  const limit = limitsFor(user.plan)[resource];
  if (limit === null) return null;
  const table = tables[resource];
  const [row] = await db().select({ n: count() }).from(table).where(eq(table.userId, userId));
  const current = row?.n ?? 0;
  if (current + adding <= limit) return null;
  const key = adding > 1 ? `${keys[resource]}.error.limitBatch` : `${keys[resource]}.error.limit`;
  return new LocalizedError("forbidden", { key, vars: { plan: user.plan, limit, current, adding } });
}

/** A unique index refused the write (e.g. a name taken by a concurrent request). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  }
  return false;
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
