import "server-only";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { getAppSetting, setAppSetting, SIGN_UP_POLICIES, type AppSettingValue } from "@/lib/settings/app-settings";

export { SIGN_UP_POLICIES };
export type SignUpPolicy = AppSettingValue<"signUpPolicy">;

export function getSignUpPolicy(): Promise<SignUpPolicy> {
  return getAppSetting("signUpPolicy");
}

export async function setSignUpPolicy(actor: Actor, policy: SignUpPolicy) {
  await assertAdmin(actor);
  const previous = await getSignUpPolicy();
  await setAppSetting("signUpPolicy", policy);
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
