import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";

/** At most MAX_FAILURES failed sign-ins per WINDOW, counted per account and per IP. */
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

/** Minutes until this email or IP may try again, or 0 when it may try now. */
export async function signInRetryAfterMinutes(email: string, ip: string, now = Date.now()): Promise<number> {
  const [byEmail, byIp] = await Promise.all([
    blockedMinutes(signInFailures.email, email, now),
    blockedMinutes(signInFailures.ip, ip, now),
  ]);
  return Math.max(byEmail, byIp);
}

export async function recordSignInFailure(email: string, ip: string, userId?: string) {
  await db().insert(signInFailures).values({ email, ip });
  await recordAudit({ action: "auth.sign_in_failed", targetUserId: userId, detail: { email }, ip });
  const minutes = await signInRetryAfterMinutes(email, ip);
  if (minutes > 0) await recordAudit({ action: "auth.lockout", targetUserId: userId, detail: { email, minutes }, ip });
}

/** A successful sign-in forgets the account's failures; old rows are swept as they expire. */
export async function clearSignInFailures(email: string) {
  const cutoff = new Date(Date.now() - WINDOW_MS).toISOString();
  await db().delete(signInFailures).where(eq(signInFailures.email, email));
  await db().delete(signInFailures).where(lt(signInFailures.createdAt, cutoff));
}
