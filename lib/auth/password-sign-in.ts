import "server-only";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { findCredentials, normalizeEmail } from "@/lib/users/users";
import { verifyPassword } from "./passwords";
import { accountRetryAfterMinutes, addressRetryAfterMinutes, clearSignInFailures, recordSignInFailure } from "./rate-limit";
import { recordAudit } from "@/lib/audit/audit";

/**
 * Why a sign-in was refused. The code travels to the sign-in form, which
 * turns it into a sentence; "invalid" never says which half was wrong.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "disabled" | `too_many:${number}`) {
    super(code);
    this.code = code;
  }
}

export const passwordSignInSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(128),
});

/**
 * Checks email and password; returns the user id or throws SignInRefused.
 * A locked account refuses everything; a throttled address only changes the
 * answer to a wrong password (see rate-limit.ts for why).
 */
export async function authenticateWithPassword(input: unknown, ip: string): Promise<string> {
  const parsed = passwordSignInSchema.safeParse(input);
  if (!parsed.success) throw new SignInRefused("invalid");
  const email = normalizeEmail(parsed.data.email);

  const accountWait = await accountRetryAfterMinutes(email);
  if (accountWait > 0) throw new SignInRefused(`too_many:${accountWait}`);
  const addressWait = await addressRetryAfterMinutes(ip);

  const user = await findCredentials(email);
  // Always run bcrypt, against a decoy when the email is unknown, so timing says nothing.
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
  if (!ok || !user) {
    await recordSignInFailure(email, ip, user?.id);
    throw new SignInRefused(addressWait > 0 ? `too_many:${addressWait}` : "invalid");
  }
  if (user.disabledAt) throw new SignInRefused("disabled");
  await clearSignInFailures(email);
  await recordAudit({ action: "auth.sign_in", targetUserId: user.id, actorId: user.id, ip });
  return user.id;
}
