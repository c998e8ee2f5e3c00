import "server-only";
import { listActiveSessions } from "@/lib/auth/sessions";
import { listApiTokens } from "@/lib/tokens/tokens";
import { usageSummaryFor } from "@/lib/usage/usage";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { type Plan, type Role } from "@/lib/domain";
import { publicUserColumns } from "@/lib/users/columns";
import { keyset } from "@/db/keyset";
import { clampLimit, previousPage } from "./pagination";

/** Case-insensitive "contains", with the query's own % and _ taken literally. */
function contains(column: SQLiteColumn | SQL, q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

// Public columns plus whether the account is disabled; never the password hash.
const adminUserColumns = { ...publicUserColumns, disabledAt: users.disabledAt };

export const USER_SORTS = ["created_desc", "created_asc", "email_asc", "last_sign_in_desc"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export type UserListOptions = {
  q?: string;
  role?: Role;
  plan?: Plan;
  /** "yes": only disabled accounts; "no": only active ones. */
  disabled?: "yes" | "no";
  sort?: UserSort;
  cursor?: string;
  limit?: number;
};

/**
 * How each sort orders users: by `key` (then id, the tie-breaker) in `dir`,
 * or by id alone for the creation sorts (UUIDv7 ids are time-ordered). Each
 * order has an index: the primary key, users_email_unique, users_last_sign_in_idx.
 */
const sortSpecs: Record<UserSort, { key: SQLiteColumn | null; dir: "asc" | "desc" }> = {
  created_desc: { key: null, dir: "desc" },
  created_asc: { key: null, dir: "asc" },
  email_asc: { key: users.email, dir: "asc" },
  last_sign_in_desc: { key: users.lastSignInAt, dir: "desc" },
};

/** Where a page starts: the sort key and id of the row before it. */
type UserCursor = { key: string | null; id: string };

/**
 * A cursor is the row's id for the creation sorts, and for the others
 * base64url(JSON [sort, key, id]), so a cursor from another sort is ignored.
 */
function encodeCursor(sort: UserSort, row: { id: string; email: string; lastSignInAt: string | null }): string {
  if (!sortSpecs[sort].key) return row.id;
  const key = sort === "email_asc" ? row.email : row.lastSignInAt;
  return Buffer.from(JSON.stringify([sort, key, row.id])).toString("base64url");
}

/** The cursor's key and id, or null when it is malformed or from another sort (the list starts over). */
function decodeCursor(sort: UserSort, cursor: string | undefined): UserCursor | null {
  if (!cursor) return null;
  if (!sortSpecs[sort].key) return UUID.test(cursor) ? { key: null, id: cursor } : null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [s, key, id] = value as unknown[];
    if (s !== sort || typeof id !== "string" || !UUID.test(id)) return null;
    if (key !== null && typeof key !== "string") return null;
    if (key === null && sort === "email_asc") return null;
    return { key, id };
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rows after `c` in the order (`key` then id, both ascending when `op` is ">",
 * both descending when "<"); with `inclusive`, the cursor row itself too.
 * SQLite sorts NULL below every value, so NULL keys come first ascending and
 * last descending; the conditions spell that out, since `k < NULL` is never true.
 */
function beyond(key: SQLiteColumn | null, c: UserCursor, op: "<" | ">", inclusive: boolean): SQL {
  const idCmp = sql`${users.id} ${sql.raw(inclusive ? `${op}=` : op)} ${c.id}`;
  if (!key) return idCmp;
  const same = c.key === null ? sql`${key} IS NULL` : sql`${key} = ${c.key}`;
  const past =
    op === "<"
      ? c.key === null
        ? sql`0`
        : sql`(${key} < ${c.key} OR ${key} IS NULL)`
      : c.key === null
        ? sql`${key} IS NOT NULL`
        : sql`${key} > ${c.key}`;
  return sql`(${past} OR (${same} AND ${idCmp}))`;
}

function orderBy(key: SQLiteColumn | null, dir: "asc" | "desc") {
  const by = dir === "asc" ? asc : desc;
  return key ? [by(key), by(users.id)] : [by(users.id)];
}

/**
 * Users, filtered by `q` (email or name contains), role, plan and disabled,
 * in one of USER_SORTS (newest first by default), a keyset page at a time:
 * `nextCursor` and `prev.cursor` work for every sort.
 */
export async function listUsers(actor: Actor, opts: UserListOptions = {}) {
  await assertAdmin(actor);
  const limit = clampLimit(opts.limit);
  const q = opts.q?.trim();
  const sort = opts.sort ?? "created_desc";
  const { key, dir } = sortSpecs[sort];
  const filter = and(
    q ? or(contains(users.email, q), contains(users.name, q)) : undefined,
    opts.role ? eq(users.role, opts.role) : undefined,
    opts.plan ? eq(users.plan, opts.plan) : undefined,
    opts.disabled === "yes" ? isNotNull(users.disabledAt) : opts.disabled === "no" ? isNull(users.disabledAt) : undefined,
  );
  const cursor = decodeCursor(sort, opts.cursor);
  const forward = dir === "asc" ? ">" : "<";
  const backward = dir === "asc" ? "<" : ">";
  const [rows, totals, before] = await Promise.all([
    db()
      .select(adminUserColumns)
      .from(users)
      .where(and(filter, cursor ? beyond(key, cursor, forward, false) : undefined))
      .orderBy(...orderBy(key, dir))
      .limit(limit + 1),
    db().select({ total: count() }).from(users).where(filter),
    // The previous page is the `limit` rows up to and including the cursor row; its cursor is the row before them.
    cursor
      ? db()
          .select(adminUserColumns)
          .from(users)
          .where(and(filter, beyond(key, cursor, backward, true)))
          .orderBy(...orderBy(key, dir === "asc" ? "desc" : "asc"))
          .limit(1)
          .offset(limit)
      : Promise.resolve(null),
  ]);
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data,
    nextCursor: rows.length > limit && last ? encodeCursor(sort, last) : null,
    prev: before === null ? null : { cursor: before[0] ? encodeCursor(sort, before[0]) : null },
    total: totals[0]?.total ?? 0,
  };
}

export type AdminUserRow = Awaited<ReturnType<typeof listUsers>>["data"][number];

/** One user's profile with their live sessions and API tokens counted; null when there is no such user. */
export async function getUserDetail(actor: Actor, id: string) {
  await assertAdmin(actor);
  const [user] = await db().select(adminUserColumns).from(users).where(eq(users.id, id)).limit(1);
  if (!user) return null;
  const [sessionList, tokenList, usage] = await Promise.all([
    listActiveSessions(id),
    listApiTokens(id),
    // The last 30 days by model: what this user's runs cost.
    usageSummaryFor({ userId: id }, { groupBy: "model" }),
  ]);
  return { ...user, sessions: sessionList, tokens: tokenList, usage };
}

const actorUser = alias(users, "actor");
const targetUser = alias(users, "target");

/**
 * The audit log newest first, with the actor's and target's emails (null once a user is deleted).
 * `q` matches any part of the action, the actor's or target's email (or the email a deleted
 * user's entry kept in its detail), or the IP address; `action` keeps one action.
 */
export async function listAuditEntries(actor: Actor, opts: { q?: string; action?: string; cursor?: string; limit?: number } = {}) {
  await assertAdmin(actor);
  const limit = clampLimit(opts.limit);
  const q = opts.q?.trim();
  const emailMatches = q ? db().select({ id: users.id }).from(users).where(contains(users.email, q)) : undefined;
  const filter = and(
    opts.action ? eq(auditLog.action, opts.action) : undefined,
    q && emailMatches
      ? or(
          contains(auditLog.action, q),
          contains(auditLog.ip, q),
          inArray(auditLog.actorId, emailMatches),
          inArray(auditLog.targetUserId, emailMatches),
          contains(sql`json_extract(${auditLog.detail}, '$.email')`, q),
        )
      : undefined,
  );
  const page = keyset(auditLog.id, { limit, cursor: opts.cursor });
  const [rows, prev] = await Promise.all([
    db()
      .select({
        id: auditLog.id,
        action: auditLog.action,
        actorId: auditLog.actorId,
        actorEmail: actorUser.email,
        targetUserId: auditLog.targetUserId,
        targetEmail: targetUser.email,
        detail: auditLog.detail,
        ip: auditLog.ip,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
      .leftJoin(targetUser, eq(targetUser.id, auditLog.targetUserId))
      .where(and(filter, page.where))
      .orderBy(page.orderBy)
      .limit(page.fetch),
    previousPage(auditLog, auditLog.id, filter, opts.cursor, limit),
  ]);
  return { ...page.of(rows), prev };
}

/** Every action that appears in the audit log, for the action filter. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  await assertAdmin(actor);
  const rows = await db().selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>["data"][number];
