import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";

/**
 * The brute-force guard: at most MAX_FAILURES failed sign-ins per WINDOW,
 * counted per account and per client address, with different teeth:
 *
 * - An account with MAX_FAILURES recent failures is locked: every attempt on
 *   it is refused, the right password too, until the window moves on.
 * - An address with MAX_FAILURES recent failures is throttled: every wrong
 *   attempt from it is answered "too many attempts", but the right password
 *   of an account that is not itself locked still signs in. Many people can
 *   share one address (an office, a NAT, a proxy without TRUST_PROXY), so one
 *   of them guessing must never lock the others out; the per-account lock
 *   bounds how many guesses any account can take, from however many addresses.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

async function blockedMinutes(column: typeof signInFailures.email | typeof signInFailures.ip, value: string, now: number) {
  const since = new Date(now - WINDOW_MS).toISOString();
  const recent = await db()
    .select({ createdAt: signInFailures.createdAt })
    .from(signInFailures)
    .where(and(eq(column, value), gt(signInFailures.createdAt, since)))
    .orderBy(desc(signInFailures.createdAt))
    .limit(MAX_FAILURES);
  if (recent.length < MAX_FAILURES) return 0;
  // Blocked until the oldest of the last MAX_FAILURES failures leaves the window.
  const oldest = Date.parse(recent[recent.length - 1]!.createdAt);
  return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 60_000));
}

/** Minutes until this account may be tried again (even with the right password), or 0. */
export function accountRetryAfterMinutes(email: string, now = Date.now()): Promise<number> {
  return blockedMinutes(signInFailures.email, email, now);
}

/** Minutes until wrong passwords from this address are answered "invalid" again rather than "too many", or 0. */
export function addressRetryAfterMinutes(ip: string, now = Date.now()): Promise<number> {
  return blockedMinutes(signInFailures.ip, ip, now);
}

export async function recordSignInFailure(email: string, ip: string, userId?: string) {
  await db().insert(signInFailures).values({ email, ip });
  await recordAudit({ action: "auth.sign_in_failed", targetUserId: userId, detail: { email }, ip });
  const minutes = await accountRetryAfterMinutes(email);
  if (minutes > 0) await recordAudit({ action: "auth.lockout", targetUserId: userId, detail: { email, minutes }, ip });
}

/**
 * Forgets an account's failures: after a successful sign-in, and when an
 * account is first created (failures against an email nobody owned yet were
 * no guesses at its password). Old rows are swept as they expire.
 */
export async function clearSignInFailures(email: string) {
  const cutoff = new Date(Date.now() - WINDOW_MS).toISOString();
  await db().delete(signInFailures).where(eq(signInFailures.email, email));
  await db().delete(signInFailures).where(lt(signInFailures.createdAt, cutoff));
}
