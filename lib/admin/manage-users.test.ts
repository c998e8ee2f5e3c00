import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, apiTokens, auditLog, jobs, projects, sessions, users } from "@/db/schema";
import { createSession, userForSession } from "@/lib/auth/sessions";
import { createProject } from "@/lib/projects/projects";
import { attachImage } from "@/lib/images/images";
import { createTask } from "@/lib/tasks/tasks";
import { taskCreateSchema } from "@/lib/tasks/schemas";
import { cancelJob, enqueue, getJob, retryJob } from "@/lib/queue/queue";
import { createApiToken, userForApiToken } from "@/lib/tokens/tokens";
import type { PublicUser } from "@/lib/users/columns";
import { createUser } from "@/lib/users/users";
import { changeRole, deleteUser, revokeSessions, setDisabled, setPlan } from "./manage-users";

/** The smallest GIF: a 1x1 pixel. */
const GIF = Uint8Array.from(Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64"));

let admin: PublicUser;
let n = 0;

async function make(role?: "admin") {
  const user = await createUser({ email: `actions-${++n}@example.com`, name: `User ${n}` });
  if (!user) throw new Error("could not create user");
  if (role === "admin") await db().update(users).set({ role: "admin" }).where(eq(users.id, user.id));
  return { ...user, role: role ?? user.role };
}

const roleOf = async (id: string) => (await db().select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;
const lastAudit = async () => (await db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

beforeAll(async () => {
  admin = await make(); // the first account is the admin
  expect(admin.role).toBe("admin");
});

describe("only admins", () => {
  it("answers not_found to a non-admin for every action", async () => {
    const bob = await make();
    const carol = await make();
    const job = await enqueue({ type: "t", userId: carol.id });
    const calls = [
      changeRole(bob, carol.id, "admin"),
      setDisabled(bob, carol.id, true),
      setPlan(bob, carol.id, "PRO"),
      revokeSessions(bob, carol.id),
      deleteUser(bob, carol.id, carol.email),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: "not_found" });
    expect(await roleOf(carol.id)).toBe("user");
    // The queue's own scope: a user may not retry or cancel another user's job.
    await expect(retryJob(job.id, { userId: bob.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelJob(job.id, { userId: bob.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers not_found for an unknown user", async () => {
    await expect(setPlan(admin, "0190a000-0000-7000-8000-000000000000", "PRO")).rejects.toMatchObject({ code: "not_found" });
    await expect(changeRole(admin, "0190a000-0000-7000-8000-000000000000", "user")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the last admin", () => {
  it("cannot be demoted, disabled or deleted; a second admin can be", async () => {
    await expect(changeRole(admin, admin.id, "user")).rejects.toMatchObject({ code: "conflict", message: "There must always be at least one admin." });
    expect(await roleOf(admin.id)).toBe("admin");
    await expect(setDisabled(admin, admin.id, true)).rejects.toMatchObject({ code: "conflict" });
    await expect(deleteUser(admin, admin.id, admin.email)).rejects.toMatchObject({ code: "conflict" });

    const second = await make();
    await changeRole(admin, second.id, "admin");
    expect(await roleOf(second.id)).toBe("admin");
    expect(await lastAudit()).toMatchObject({ action: "admin.role_changed", actorId: admin.id, targetUserId: second.id, detail: { from: "user", to: "admin" } });

    // With the other admin disabled, this one is again the last enabled admin.
    await setDisabled(admin, second.id, true);
    await expect(changeRole(second, admin.id, "user")).rejects.toMatchObject({ code: "not_found" }); // disabled admins are not admins
    await expect(changeRole(admin, admin.id, "user")).rejects.toMatchObject({ code: "conflict" });
    await setDisabled(admin, second.id, false);

    // Two enabled admins: one may step down, then the other is the last.
    await changeRole(second, admin.id, "user");
    expect(await roleOf(admin.id)).toBe("user");
    await expect(changeRole(second, second.id, "user")).rejects.toMatchObject({ code: "conflict" });
    await expect(setDisabled(second, second.id, true)).rejects.toMatchObject({ code: "conflict" });
    await changeRole(second, admin.id, "admin");
    await changeRole(admin, second.id, "user");
    expect(await roleOf(second.id)).toBe("user");
  });

  it("an admin cannot disable or delete themself even with another admin around", async () => {
    const other = await make("admin");
    await expect(setDisabled(admin, admin.id, true)).rejects.toMatchObject({ code: "conflict", message: "You cannot disable your own account." });
    await expect(deleteUser(admin, admin.id, admin.email)).rejects.toMatchObject({ code: "conflict", message: "You cannot delete your own account." });
    await changeRole(admin, other.id, "user");
  });
});

describe("disabling", () => {
  it("ends sessions and revokes API tokens at once; enabling brings neither back, but new sign-ins work", async () => {
    const user = await make();
    const session = await createSession(user.id, { ip: "10.0.0.9" });
    const token = await createApiToken(user.id, "ci");
    expect(await userForSession(session)).not.toBeNull();
    expect(await userForApiToken(token.value)).not.toBeNull();

    await setDisabled(admin, user.id, true);
    expect(await userForSession(session)).toBeNull();
    expect(await userForApiToken(token.value)).toBeNull();
    const [row] = await db().select().from(sessions).where(eq(sessions.id, session));
    expect(row!.revokedAt).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "admin.user_disabled", actorId: admin.id, targetUserId: user.id });

    await setDisabled(admin, user.id, false);
    expect(await lastAudit()).toMatchObject({ action: "admin.user_enabled", targetUserId: user.id });
    expect(await userForSession(session)).toBeNull(); // the old session stays ended
    expect(await userForApiToken(token.value)).toBeNull(); // and so does the old token
    expect(await userForSession(await createSession(user.id, {}))).not.toBeNull();
  });
});

describe("plan and sessions", () => {
  it("changes the plan by hand and audits it", async () => {
    const user = await make();
    expect(await setPlan(admin, user.id, "PRO")).toEqual({ changed: true });
    const [row] = await db().select({ plan: users.plan }).from(users).where(eq(users.id, user.id));
    expect(row!.plan).toBe("PRO");
    expect(await lastAudit()).toMatchObject({ action: "admin.plan_changed", actorId: admin.id, targetUserId: user.id, detail: { from: "FREE", to: "PRO" } });
    expect(await setPlan(admin, user.id, "PRO")).toEqual({ changed: false });
  });

  it("revokes every session", async () => {
    const user = await make();
    const a = await createSession(user.id, {});
    const b = await createSession(user.id, {});
    await revokeSessions(admin, user.id);
    expect(await userForSession(a)).toBeNull();
    expect(await userForSession(b)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "admin.sessions_revoked", actorId: admin.id, targetUserId: user.id });
  });
});

describe("deleting", () => {
  it("needs the exact email", async () => {
    const user = await make();
    await expect(deleteUser(admin, user.id, "someone-else@example.com")).rejects.toMatchObject({
      code: "validation",
      fields: { confirmEmail: expect.any(String) },
    });
    await expect(deleteUser(admin, user.id, "")).rejects.toMatchObject({ code: "validation" });
    expect(await roleOf(user.id)).toBe("user");
  });

  it("cancels their jobs, removes their workspace folders, and cascades everything they own", async () => {
    const user = await make();
    const session = await createSession(user.id, {});
    const token = await createApiToken(user.id, "ci");
    const project = await createProject(user.id, { name: "Workspace" });
    expect(project.isWorkspace).toBe(true);
    expect(fs.existsSync(project.path)).toBe(true);
    const [agent] = await db().insert(agents).values({ userId: user.id, name: "Helper" }).returning();
    const task = await createTask(user.id, taskCreateSchema.parse({ projectId: project.id, title: "With a picture" }));
    const image = await attachImage(user.id, task.id, { name: "dot.gif", bytes: GIF });
    expect(fs.existsSync(image.filePath)).toBe(true);
    const [run] = await db()
      .insert(agentRuns)
      .values({ userId: user.id, agentId: agent!.id, projectId: project.id, task: "t", executor: "claude-code" })
      .returning();
    const job = await enqueue({ type: "run_agent", userId: user.id, payload: { runId: run!.id } });
    // Someone else's job is left alone.
    const bystander = await make();
    const otherJob = await enqueue({ type: "t", userId: bystander.id });

    await deleteUser(admin, user.id, ` ${user.email.toUpperCase()} `);

    expect(await roleOf(user.id)).toBeUndefined();
    expect(fs.existsSync(project.path)).toBe(false);
    expect(fs.existsSync(image.filePath)).toBe(false);
    expect(await userForSession(session)).toBeNull();
    expect(await userForApiToken(token.value)).toBeNull();
    for (const [table, column] of [
      [projects, projects.userId],
      [agents, agents.userId],
      [agentRuns, agentRuns.userId],
      [apiTokens, apiTokens.userId],
      [sessions, sessions.userId],
      [jobs, jobs.userId],
    ] as const) {
      expect(await db().select().from(table).where(eq(column, user.id))).toEqual([]);
    }
    await expect(getJob(job.id, { all: true })).rejects.toMatchObject({ code: "not_found" });
    expect((await getJob(otherJob.id, { all: true })).status).toBe("pending");
    expect(await lastAudit()).toMatchObject({
      action: "admin.user_deleted",
      actorId: admin.id,
      targetUserId: null,
      detail: { userId: user.id, email: user.email, workspacesRemoved: 1 },
    });
  });
});

describe("jobs for admins", () => {
  it("retries and cancels any user's job with the all scope", async () => {
    const user = await make();
    const job = await enqueue({ type: "t", userId: user.id });
    expect((await cancelJob(job.id, { all: true })).status).toBe("cancelled");
    expect(await retryJob(job.id, { all: true })).toMatchObject({ status: "pending", attempts: 0 });
  });
});
