import "server-only";
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signUpAttempts } from "@/db/schema";

/**
 * At most SIGN_UPS_PER_WINDOW password sign-ups per client address per
 * WINDOW, so fresh FREE accounts (and their quotas) are not free for the
 * asking. The address follows lib/http/client-ip.ts: the socket's, or the
 * proxy's last X-Forwarded-For hop only with TRUST_PROXY=1.
 */
export const SIGN_UPS_PER_WINDOW = 5;
export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;

/**
 * Takes one sign-up slot for `ip`, or says how many minutes until one frees.
 * The count and the insert are one statement, so parallel sign-ups from one
 * address cannot all slip under the limit.
 */
export async function takeSignUpSlot(ip: string, now = Date.now()): Promise<{ ok: true } | { ok: false; minutes: number }> {
  const since = new Date(now - SIGN_UP_WINDOW_MS).toISOString();
  const result = await db().run(sql`
    INSERT INTO ${signUpAttempts} (${sql.identifier(signUpAttempts.ip.name)}, ${sql.identifier(signUpAttempts.createdAt.name)})
    SELECT ${ip}, ${new Date(now).toISOString()}
    WHERE (SELECT count(*) FROM ${signUpAttempts} WHERE ${signUpAttempts.ip} = ${ip} AND ${signUpAttempts.createdAt} > ${since}) < ${SIGN_UPS_PER_WINDOW}`);
  if (result.rowsAffected > 0) {
    await db().delete(signUpAttempts).where(lt(signUpAttempts.createdAt, since));
    return { ok: true };
  }
  const recent = await db()
    .select({ createdAt: signUpAttempts.createdAt })
    .from(signUpAttempts)
    .where(and(eq(signUpAttempts.ip, ip), gt(signUpAttempts.createdAt, since)))
    .orderBy(desc(signUpAttempts.createdAt))
    .limit(SIGN_UPS_PER_WINDOW);
  // A slot frees when the oldest of the last SIGN_UPS_PER_WINDOW leaves the window.
  const oldest = Date.parse(recent.at(-1)?.createdAt ?? new Date(now).toISOString());
  return { ok: false, minutes: Math.max(1, Math.ceil((oldest + SIGN_UP_WINDOW_MS - now) / 60_000)) };
}
