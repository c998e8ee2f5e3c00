import "server-only";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { nowIso } from "@/lib/domain/ids";
import { publicUserColumns, type PublicUser } from "@/lib/users/columns";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
// Refresh last_seen_at at most this often, so reading a page is not a write.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export async function createSession(userId: string, meta: { ip?: string | null; userAgent?: string | null }) {
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000).toISOString();
  const [row] = await db()
    .insert(sessions)
    .values({ userId, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null, expiresAt, lastSeenAt: nowIso() })
    .returning({ id: sessions.id });
  await db().update(users).set({ lastSignInAt: nowIso() }).where(eq(users.id, userId));
  return row!.id;
}

/**
 * The user behind a session id, or null when the session was revoked, has
 * expired, or its user is disabled. Called on every signed-in request.
 */
export async function userForSession(sessionId: string): Promise<PublicUser | null> {
  const now = nowIso();
  const [row] = await db()
    .select({ user: publicUserColumns, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  if (!row.lastSeenAt || Date.now() - Date.parse(row.lastSeenAt) > TOUCH_INTERVAL_MS) {
    await db().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
  }
  return row.user;
}

export async function revokeSession(sessionId: string) {
  await db().update(sessions).set({ revokedAt: nowIso() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** End every session of a user, except (optionally) the one making the request. */
export async function revokeUserSessions(userId: string, exceptSessionId?: string) {
  const scope = exceptSessionId
    ? and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, exceptSessionId))
    : and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  await db().update(sessions).set({ revokedAt: nowIso() }).where(scope);
}

export async function listActiveSessions(userId: string) {
  return db()
    .select({
      id: sessions.id,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, nowIso())))
    .orderBy(desc(sessions.createdAt));
}
