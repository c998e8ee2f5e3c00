import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { appSettings, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { nowIso } from "@/lib/ids";

/** Who may create an account: anyone, only holders of an invitation, or nobody. */
export const SIGN_UP_POLICIES = ["open", "invite", "closed"] as const;
export type SignUpPolicy = (typeof SIGN_UP_POLICIES)[number];

const KEY = "sign_up_policy";

export async function getSignUpPolicy(): Promise<SignUpPolicy> {
  const [row] = await db().select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
  return SIGN_UP_POLICIES.find((p) => p === row?.value) ?? "open";
}

export async function setSignUpPolicy(actor: Actor, policy: SignUpPolicy) {
  await assertAdmin(actor);
  const previous = await getSignUpPolicy();
  await db()
    .insert(appSettings)
    .values({ key: KEY, value: policy })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: policy, updatedAt: nowIso() } });
  if (previous !== policy) await recordAudit({ action: "admin.sign_up_policy_changed", actorId: actor.id, detail: { from: previous, to: policy } });
}

/** An empty server: the first account (its administrator) may always sign up, whatever the policy says. */
export async function isFirstAccount(): Promise<boolean> {
  const [row] = await db().select({ id: users.id }).from(users).limit(1);
  return !row;
}

/**
 * The policy that applies to a new account right now: "open" for the very
 * first one. What the sign-up page shows and what every way of creating an
 * account (password sign-up, Google) checks.
 */
export async function effectiveSignUpPolicy(): Promise<SignUpPolicy> {
  return (await isFirstAccount()) ? "open" : getSignUpPolicy();
}
