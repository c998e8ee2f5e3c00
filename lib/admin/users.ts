import "server-only";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { apiTokens, auditLog, sessions, users } from "@/db/schema";
import { nowIso } from "@/lib/ids";
import { publicUserColumns } from "@/lib/users/columns";
import { clampLimit, previousPage, splitPage } from "./pagination";

/** Case-insensitive "contains", with the query's own % and _ taken literally. */
function contains(column: SQLiteColumn | SQL, q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

// Public columns plus whether the account is disabled; never the password hash.
const adminUserColumns = { ...publicUserColumns, disabledAt: users.disabledAt };

/** Users newest first, optionally those whose email or name contains `q`. */
export async function listUsers(actor: Actor, opts: { q?: string; cursor?: string; limit?: number } = {}) {
  await assertAdmin(actor);
  const limit = clampLimit(opts.limit);
  const q = opts.q?.trim();
  const filter = q ? or(contains(users.email, q), contains(users.name, q)) : undefined;
  const [rows, totals, prev] = await Promise.all([
    db()
      .select(adminUserColumns)
      .from(users)
      .where(and(filter, opts.cursor ? lt(users.id, opts.cursor) : undefined))
      .orderBy(desc(users.id))
      .limit(limit + 1),
    db().select({ total: count() }).from(users).where(filter),
    previousPage(users, users.id, filter, opts.cursor, limit),
  ]);
  return { ...splitPage(rows, limit), prev, total: totals[0]?.total ?? 0 };
}

export type AdminUserRow = Awaited<ReturnType<typeof listUsers>>["data"][number];

/** One user's profile with their live sessions and API tokens counted; null when there is no such user. */
export async function getUserDetail(actor: Actor, id: string) {
  await assertAdmin(actor);
  const [user] = await db().select(adminUserColumns).from(users).where(eq(users.id, id)).limit(1);
  if (!user) return null;
  const [liveSessions, liveTokens] = await Promise.all([
    db()
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, nowIso()))),
    db()
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt))),
  ]);
  return { ...user, activeSessions: liveSessions[0]?.n ?? 0, apiTokens: liveTokens[0]?.n ?? 0 };
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
      .where(and(filter, opts.cursor ? lt(auditLog.id, opts.cursor) : undefined))
      .orderBy(desc(auditLog.id))
      .limit(limit + 1),
    previousPage(auditLog, auditLog.id, filter, opts.cursor, limit),
  ]);
  return { ...splitPage(rows, limit), prev };
}

/** Every action that appears in the audit log, for the action filter. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  await assertAdmin(actor);
  const rows = await db().selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>["data"][number];
