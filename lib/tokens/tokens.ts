import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { newId, nowIso } from "@/lib/domain/ids";
import { AppError, notFoundError } from "@/lib/errors";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { publicUserColumns, type PublicUser } from "@/lib/users/columns";
import { recordAudit } from "@/lib/audit/audit";

const PREFIX = "sb_";

/** Tokens are 256 random bits, so a fast SHA-256 is enough to keep them unreadable at rest. */
function hashToken(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** A new token, within the plan's number of live tokens (checked inside the INSERT, so a burst cannot pass it). */
export async function createApiToken(userId: string, name: string) {
  const early = await planLimitError(userId, "apiTokens");
  if (early) throw early;
  const value = PREFIX + crypto.randomBytes(32).toString("base64url");
  const id = newId();
  const row = { id, userId, name, tokenHash: hashToken(value), prefix: value.slice(0, 10), createdAt: nowIso() };
  const result = await db().run(guardedInsert(apiTokens, [row], userId, planLimitCondition("apiTokens")));
  if (result.rowsAffected === 0) throw (await planLimitError(userId, "apiTokens")) ?? new AppError("conflict", "Please try again.");
  await recordAudit({ action: "token.created", actorId: userId, targetUserId: userId, detail: { tokenId: id, name } });
  // The only time the value exists outside the caller's hands.
  return { id, name, prefix: row.prefix, createdAt: row.createdAt, value };
}

export async function listApiTokens(userId: string) {
  return db()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; another user's token id is "not found". */
export async function revokeApiToken(userId: string, tokenId: string, actorId = userId) {
  const [row] = await db()
    .update(apiTokens)
    .set({ revokedAt: nowIso() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFoundError("token");
  await recordAudit({ action: "token.revoked", actorId, targetUserId: userId, detail: { tokenId } });
}

/**
 * Revokes every live token of a user, for good: an account that is disabled
 * and later enabled again starts with no token (its owner makes new ones).
 */
export async function revokeUserTokens(userId: string): Promise<number> {
  const rows = await db()
    .update(apiTokens)
    .set({ revokedAt: nowIso() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** The user a bearer token belongs to, and the token's id, if the token is live and the user enabled. */
export async function callerForApiToken(value: string): Promise<{ user: PublicUser; tokenId: string } | null> {
  if (!value.startsWith(PREFIX)) return null;
  const [row] = await db()
    .select({ user: publicUserColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(value)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  // Record use at most once a minute: a busy script should not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - Date.parse(row.lastUsedAt) > 60_000) {
    await db().update(apiTokens).set({ lastUsedAt: nowIso() }).where(eq(apiTokens.id, row.tokenId));
  }
  return { user: row.user, tokenId: row.tokenId };
}

/** The user a bearer token belongs to, if the token is live and the user enabled. */
export async function userForApiToken(value: string): Promise<PublicUser | null> {
  return (await callerForApiToken(value))?.user ?? null;
}

/** Whether a token found earlier (by id) is still live and its user `userId`, enabled (long-lived streams re-check this). */
export async function apiTokenStillValid(tokenId: string, userId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  return !!row;
}
