import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { createSession, listActiveSessions, userForSession } from "@/lib/auth/sessions";
import { createUser, getPasswordHash } from "./users";
import { changePassword, hasPassword } from "./change-password";

const OLD = "amber-harbor-71-kite";
const NEW = "violet-canyon-42-tram";

async function userWithSessions(email: string, password: string | null) {
  const user = await createUser({ email, passwordHash: password ? await hashPassword(password) : null });
  if (!user) throw new Error("user not created");
  const here = await createSession(user.id, { ip: "10.0.0.1", userAgent: "this browser" });
  const phone = await createSession(user.id, { ip: "10.0.0.2", userAgent: "phone" });
  const laptop = await createSession(user.id, { ip: "10.0.0.3", userAgent: "laptop" });
  return { user: { id: user.id, email: user.email, sessionId: here }, here, others: [phone, laptop] };
}

describe("changePassword", () => {
  it("stores the new password, ends the other sessions and keeps this one", async () => {
    const { user, here, others } = await userWithSessions("pw-change@example.com", OLD);
    await changePassword(user, OLD, NEW);

    const hash = await getPasswordHash(user.id);
    expect(await verifyPassword(NEW, hash)).toBe(true);
    expect(await verifyPassword(OLD, hash)).toBe(false);

    const active = await listActiveSessions(user.id);
    expect(active.map((s) => s.id)).toEqual([here]);
    expect(await userForSession(here)).not.toBeNull();
    for (const id of others) expect(await userForSession(id)).toBeNull();

    const [entry] = await db().select().from(auditLog).where(eq(auditLog.targetUserId, user.id)).orderBy(desc(auditLog.createdAt)).limit(1);
    expect(entry).toMatchObject({ action: "auth.password_changed", actorId: user.id });
  });

  it("refuses a wrong current password with a clear error and changes nothing", async () => {
    const { user } = await userWithSessions("pw-wrong@example.com", OLD);
    const before = await getPasswordHash(user.id);
    await expect(changePassword(user, "not-my-password", NEW)).rejects.toMatchObject({
      code: "validation",
      text: { key: "settings.password.wrongCurrent" },
      fieldTexts: { currentPassword: { key: "settings.password.wrongCurrent" } },
    });
    await expect(changePassword(user, "", NEW)).rejects.toMatchObject({
      fieldTexts: { currentPassword: { key: "settings.password.currentRequired" } },
    });
    expect(await getPasswordHash(user.id)).toBe(before);
    expect(await listActiveSessions(user.id)).toHaveLength(3);
  });

  it("locks out guessing the current password after 10 wrong tries, like sign-in", async () => {
    const { user } = await userWithSessions("pw-guess@example.com", OLD);
    for (let i = 0; i < 10; i++) {
      await expect(changePassword(user, `guess-${i}`, NEW, { ip: "10.9.9.9" })).rejects.toMatchObject({ code: "validation" });
    }
    // Even the right current password is refused while the lockout lasts.
    await expect(changePassword(user, OLD, NEW, { ip: "10.9.9.9" })).rejects.toMatchObject({
      code: "rate_limited",
      text: { key: "settings.password.tooManyAttempts" },
    });
    expect(await verifyPassword(OLD, await getPasswordHash(user.id))).toBe(true);
  });

  it("refuses a common or too short new password and changes nothing", async () => {
    const { user } = await userWithSessions("pw-common@example.com", OLD);
    const before = await getPasswordHash(user.id);
    await expect(changePassword(user, OLD, "password1")).rejects.toMatchObject({
      code: "validation",
      fieldTexts: { newPassword: { key: "errors.passwordTooCommon" } },
    });
    await expect(changePassword(user, OLD, "short")).rejects.toMatchObject({
      fieldTexts: { newPassword: { key: "errors.passwordTooShort" } },
    });
    await expect(changePassword(user, OLD, OLD)).rejects.toMatchObject({
      fieldTexts: { newPassword: { key: "settings.password.sameAsCurrent" } },
    });
    expect(await getPasswordHash(user.id)).toBe(before);
    expect(await listActiveSessions(user.id)).toHaveLength(3);
  });

  it("lets a user who signed up with Google set a first password without a current one", async () => {
    const { user, here } = await userWithSessions("pw-google@example.com", null);
    expect(await hasPassword(user.id)).toBe(false);
    await expect(changePassword(user, undefined, NEW)).resolves.toEqual({ hadPassword: false });
    expect(await hasPassword(user.id)).toBe(true);
    expect(await verifyPassword(NEW, await getPasswordHash(user.id))).toBe(true);
    expect((await listActiveSessions(user.id)).map((s) => s.id)).toEqual([here]);
  });
});
