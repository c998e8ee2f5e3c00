import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/password-sign-in";
import { MAX_FAILURES, recordSignInFailure } from "@/lib/auth/rate-limit";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { setAppSetting } from "@/lib/settings/app-settings";
import { findCredentials, findOrCreateGoogleUser } from "@/lib/users/users";
import { createInvitation, revokeInvitation } from "./invitations";
import { SIGN_UPS_PER_WINDOW } from "./limit";
import { setSignUpPolicy } from "./policy";
import { registerWithPassword } from "./register";

// One database for the file: the tests run in order, from the empty server on.
const PASSWORD = "violet-canyon-42-tram";
let admin: { id: string };
let ipCounter = 0;
/** A fresh client address, so only the test about the limit meets it. */
const freshIp = () => `203.0.113.${++ipCounter}`;

function signUp(email: string, ip = freshIp(), invite?: string) {
  return registerWithPassword({ name: email.split("@")[0]!, email, password: PASSWORD, invite }, ip);
}

/** The refusal's code and message: the i18n key a user reads it in. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LocalizedError);
  return { code: (error as LocalizedError).code, message: (error as LocalizedError).text.key, english: (error as LocalizedError).message };
}

describe("signing up", () => {
  it("lets the first account in whatever the policy says, as the administrator", async () => {
    await setAppSetting("signUpPolicy", "closed");
    const first = await signUp("first@example.com");
    expect(first.role).toBe("admin");
    admin = first;
  });

  it("refuses every later sign-up while sign-ups are closed, creating nothing", async () => {
    expect(await refusal(signUp("closed-out@example.com"))).toMatchObject({ code: "forbidden", message: "signUps.error.closed" });
    expect(await findCredentials("closed-out@example.com")).toBeNull();
  });

  it("refuses a new Google account while closed or invite-only, but signs existing accounts in", async () => {
    const profile = { sub: "google-new", email: "newcomer@example.com", emailVerified: true };
    expect(await findOrCreateGoogleUser(profile)).toEqual({ ok: false, code: "sign_ups_closed" });
    await setSignUpPolicy(admin, "invite");
    expect(await findOrCreateGoogleUser(profile)).toEqual({ ok: false, code: "invite_required" });
    expect(await findCredentials("newcomer@example.com")).toBeNull();
    expect(await findOrCreateGoogleUser({ sub: "google-first", email: "first@example.com", emailVerified: true })).toEqual({
      ok: true,
      userId: admin.id,
    });
  });

  it("invite-only: needs a usable invitation, each one creates one account", async () => {
    expect(await refusal(signUp("uninvited@example.com"))).toMatchObject({ code: "forbidden", message: "signUps.error.inviteRequired" });
    expect(await refusal(signUp("uninvited@example.com", freshIp(), "made-up-code"))).toMatchObject({ message: "signUps.error.inviteInvalid" });

    const invitation = await createInvitation(admin);
    // The email is taken: refused, and the invitation still works for someone else.
    expect((await refusal(signUp("first@example.com", freshIp(), invitation.code))).code).toBe("conflict");
    const guest = await signUp("guest@example.com", freshIp(), ` ${invitation.code} `);
    expect(guest.role).toBe("user");
    expect(await refusal(signUp("second-guest@example.com", freshIp(), invitation.code))).toMatchObject({ message: "signUps.error.inviteInvalid" });

    const revoked = await createInvitation(admin);
    await revokeInvitation(admin, revoked.id);
    expect(await refusal(signUp("late@example.com", freshIp(), revoked.code))).toMatchObject({ message: "signUps.error.inviteInvalid" });
    expect(await findCredentials("late@example.com")).toBeNull();
  });

  it("two sign-ups racing with one invitation: exactly one account", async () => {
    const invitation = await createInvitation(admin);
    const results = await Promise.allSettled(["racer1@example.com", "racer2@example.com"].map((email) => signUp(email, freshIp(), invitation.code)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("only admins change the policy or make invitations, and each change is audited", async () => {
    const guest = (await findCredentials("guest@example.com"))!;
    expect((await refusal(setSignUpPolicy(guest, "open"))).code).toBe("not_found");
    expect((await refusal(createInvitation(guest))).code).toBe("not_found");
    await setSignUpPolicy(admin, "open");
    const actions = (await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, admin.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["admin.sign_up_policy_changed", "admin.invitation_created", "admin.invitation_revoked"]));
  });

  it(`takes at most ${SIGN_UPS_PER_WINDOW} sign-ups an hour from one address, even in parallel`, async () => {
    const crowded = "198.51.100.77";
    const emails = Array.from({ length: SIGN_UPS_PER_WINDOW + 3 }, (_, i) => `crowd${i}@example.com`);
    const results = await Promise.allSettled(emails.map((email) => signUp(email, crowded)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(SIGN_UPS_PER_WINDOW);

    const refused = await refusal(signUp("one-more@example.com", crowded));
    expect(refused.code).toBe("rate_limited");
    expect(refused.english).toMatch(/^Too many sign-ups from your network\. Try again in (59|60) minutes\.$/);
    expect(await findCredentials("one-more@example.com")).toBeNull();
    // Another address is not held back.
    await signUp("one-more@example.com", "198.51.100.78");
  });

  it("an email that was locked by failed sign-ins before anyone owned it still signs its new owner in", async () => {
    const email = "prelocked@example.com";
    for (let i = 0; i < MAX_FAILURES; i++) await recordSignInFailure(email, "192.0.2.50");
    const user = await signUp(email, "192.0.2.50");
    expect(await authenticateWithPassword({ email, password: PASSWORD }, "192.0.2.50")).toBe(user.id);
  });
});
