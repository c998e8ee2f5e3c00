import "server-only";
import { hashPassword, newPasswordSchema, verifyPassword } from "@/lib/auth/passwords";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { accountRetryAfterMinutes, recordSignInFailure } from "@/lib/auth/rate-limit";
import { recordAudit } from "@/lib/audit/audit";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { getPasswordHash, setPasswordHash } from "./users";

/** Whether the user can sign in with a password (Google-only users cannot, until they set one). */
export async function hasPassword(userId: string): Promise<boolean> {
  return Boolean(await getPasswordHash(userId));
}

/**
 * Changes the user's password: the current one must be right (users who
 * signed up with Google and have none yet may set one without it) and the new
 * one must meet the password rules. Every other session of the user ends on
 * its next request; the one making the change (`user.sessionId`) stays.
 * Failures are AppErrors whose messages and fields are i18n keys.
 */
export async function changePassword(
  user: { id: string; email: string; sessionId: string },
  current: string | null | undefined,
  next: string,
  meta: { ip?: string | null } = {},
): Promise<{ hadPassword: boolean }> {
  const oldHash = await getPasswordHash(user.id);
  if (oldHash) {
    if (!current) throw new LocalizedError("validation", { key: "settings.password.currentRequired" }, { currentPassword: { key: "settings.password.currentRequired" } });
    // Guessing the current password from a stolen session counts like guessing it at sign-in.
    // Only the account's own lock applies: others failing from the same address must not block its owner.
    const ip = meta.ip ?? "unknown";
    if ((await accountRetryAfterMinutes(user.email)) > 0) throw new LocalizedError("rate_limited", { key: "settings.password.tooManyAttempts" });
    if (!(await verifyPassword(current, oldHash))) {
      await recordSignInFailure(user.email, ip, user.id);
      throw new LocalizedError("validation", { key: "settings.password.wrongCurrent" }, { currentPassword: { key: "settings.password.wrongCurrent" } });
    }
  }
  const checked = newPasswordSchema.safeParse(next);
  if (!checked.success) {
    const key = checked.error.issues[0]?.message ?? "errors.checkFields";
    throw new LocalizedError("validation", { key }, { newPassword: { key } });
  }
  if (current && current === next) {
    throw new LocalizedError("validation", { key: "settings.password.sameAsCurrent" }, { newPassword: { key: "settings.password.sameAsCurrent" } });
  }
  await setPasswordHash(user.id, await hashPassword(next));
  await revokeUserSessions(user.id, user.sessionId);
  await recordAudit({
    action: "auth.password_changed",
    actorId: user.id,
    targetUserId: user.id,
    detail: { hadPassword: Boolean(oldHash), otherSessionsRevoked: true },
    ip: meta.ip ?? null,
  });
  return { hadPassword: Boolean(oldHash) };
}
