import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { invitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { notFoundError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Codes are 192 random bits, so a fast SHA-256 keeps them unreadable at rest. */
function hashCode(code: string) {
  return crypto.createHash("sha256").update(code.trim()).digest("hex");
}

/** Unused, not revoked, not expired. */
function usable(now = nowIso()) {
  return and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));
}

/** Creates an invitation; its code exists only in the returned value (the admin shares it as a link). */
export async function createInvitation(actor: Actor) {
  await assertAdmin(actor);
  const code = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS).toISOString();
  const [row] = await db()
    .insert(invitations)
    .values({ codeHash: hashCode(code), createdBy: actor.id, expiresAt })
    .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
  await recordAudit({ action: "admin.invitation_created", actorId: actor.id, detail: { invitationId: row!.id, expiresAt } });
  return { ...row!, code };
}

/** The invitations that can still be used, newest first. */
export async function listOpenInvitations(actor: Actor) {
  await assertAdmin(actor);
  return db()
    .select({ id: invitations.id, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(usable())
    .orderBy(desc(invitations.createdAt))
    .limit(100);
}

export async function revokeInvitation(actor: Actor, id: string) {
  await assertAdmin(actor);
  const [row] = await db().update(invitations).set({ revokedAt: nowIso() }).where(and(eq(invitations.id, id), usable())).returning({ id: invitations.id });
  if (!row) throw notFoundError("invitation");
  await recordAudit({ action: "admin.invitation_revoked", actorId: actor.id, detail: { invitationId: id } });
}

/** Whether `code` names a usable invitation (checked before the work of a sign-up; claimInvitation decides). */
export async function invitationIsUsable(code: string): Promise<boolean> {
  const [row] = await db().select({ id: invitations.id }).from(invitations).where(and(eq(invitations.codeHash, hashCode(code)), usable())).limit(1);
  return Boolean(row);
}

/**
 * Takes the invitation for one sign-up: a single UPDATE, so two sign-ups with
 * the same code cannot both have it. Returns its id, or null.
 */
export async function claimInvitation(code: string): Promise<string | null> {
  const [row] = await db()
    .update(invitations)
    .set({ usedAt: nowIso() })
    .where(and(eq(invitations.codeHash, hashCode(code)), usable()))
    .returning({ id: invitations.id });
  return row?.id ?? null;
}

/** The sign-up that claimed it failed (e.g. the email was taken): the invitation works again. */
export async function releaseInvitation(id: string) {
  await db().update(invitations).set({ usedAt: null }).where(and(eq(invitations.id, id), isNull(invitations.usedBy)));
}

export async function markInvitationUsed(id: string, userId: string) {
  await db().update(invitations).set({ usedBy: userId }).where(eq(invitations.id, id));
}
