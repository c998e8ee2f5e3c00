import "server-only";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { and, count, desc, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { apiTokens, auditLog, sessions, users } from "@/db/schema";
import { nowIso } from "@/lib/ids";
import { publicUserColumns } from "@/lib/users/columns";
import { clampLimit, previousPage, splitPage } from "./pagination";

/** Case-insensitive "contains", with the query's own % and _ taken literally. */
function contains(column: SQLiteColumn, q: string): SQL {
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

/** The audit log newest first, with the actor's and target's emails (null once a user is deleted). */
export async function listAuditEntries(actor: Actor, opts: { cursor?: string; limit?: number } = {}) {
  await assertAdmin(actor);
  const limit = clampLimit(opts.limit);
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
      .where(opts.cursor ? lt(auditLog.id, opts.cursor) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(limit + 1),
    previousPage(auditLog, auditLog.id, undefined, opts.cursor, limit),
  ]);
  return { ...splitPage(rows, limit), prev };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>["data"][number];
