import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/passwords";
import { clearSignInFailures } from "@/lib/auth/rate-limit";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { createUser, normalizeEmail } from "@/lib/users/users";
import type { PublicUser } from "@/lib/users/columns";
import { claimInvitation, invitationIsUsable, markInvitationUsed, releaseInvitation } from "./invitations";
import { takeSignUpSlot } from "./limit";
import { getSignUpPolicy, isFirstAccount } from "./policy";

export type PasswordSignUp = { name: string; email: string; password: string; invite?: string };

/**
 * Creates a password account, or throws an AppError saying why not, in this
 * order: the sign-up policy (closed; invite-only without a usable
 * invitation), the per-address limit, then the account itself (email taken).
 * The first account ever skips the policy and the limit: it is the admin.
 * Failures whose messages are i18n keys, for the sign-up form.
 */
export async function registerWithPassword(input: PasswordSignUp, ip: string): Promise<PublicUser> {
  const firstAccount = await isFirstAccount();
  const policy = firstAccount ? "open" : await getSignUpPolicy();
  if (policy === "closed") throw new LocalizedError("forbidden", { key: "signUps.error.closed" });
  const invite = input.invite?.trim();
  if (policy === "invite") {
    if (!invite) throw new LocalizedError("forbidden", { key: "signUps.error.inviteRequired" }, { invite: { key: "signUps.error.inviteRequired" } });
    if (!(await invitationIsUsable(invite))) throw new LocalizedError("forbidden", { key: "signUps.error.inviteInvalid" }, { invite: { key: "signUps.error.inviteInvalid" } });
  }
  if (!firstAccount) {
    const slot = await takeSignUpSlot(ip);
    if (!slot.ok) throw new LocalizedError("rate_limited", { key: "signUps.error.tooMany", vars: { minutes: slot.minutes } });
  }

  // Hash before looking at the email, whether or not it is taken, so both answers take as long.
  const passwordHash = await hashPassword(input.password);
  const invitationId = policy === "invite" ? await claimInvitation(invite!) : null;
  if (policy === "invite" && !invitationId) {
    throw new LocalizedError("forbidden", { key: "signUps.error.inviteInvalid" }, { invite: { key: "signUps.error.inviteInvalid" } });
  }
  const user = await createUser({ name: input.name, email: input.email, passwordHash });
  if (!user) {
    if (invitationId) await releaseInvitation(invitationId);
    throw new LocalizedError("conflict", { key: "auth.error.signUpFailed" });
  }
  if (invitationId) await markInvitationUsed(invitationId, user.id);
  // Failed sign-ins against this email happened while nobody owned it: no guesses at this password.
  await clearSignInFailures(normalizeEmail(input.email));
  await recordAudit({ action: "auth.sign_up", actorId: user.id, targetUserId: user.id, detail: { role: user.role, invitationId }, ip });
  return user;
}
