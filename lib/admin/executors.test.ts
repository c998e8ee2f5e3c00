import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { createAgent } from "@/lib/agents/agents";
import { createProject } from "@/lib/projects/projects";
import { startRun } from "@/lib/runs/lifecycle";
import { createUser } from "@/lib/users/users";
import { getEnabledExecutors, setEnabledExecutors } from "./executors";

describe("enabled executors (/admin/settings)", () => {
  it("an admin turns an executor off: starting such a run is refused with a 403 saying so, until it is on again; the change is audited", async () => {
    const admin = (await createUser({ email: "exec-admin@example.com", name: "admin" }))!;
    await db().update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    const user = (await createUser({ email: "exec-user@example.com", name: "user" }))!;
    await db().update(users).set({ role: "user", plan: "PRO" }).where(eq(users.id, user.id));
    const agent = await createAgent(user.id, { name: "Sh", executor: "script", icon: "bot", systemPrompt: "", defaultTask: null, model: "x", type: "development", tools: [], hooks: null, enableFileRead: true, enableFileWrite: true, enableNetwork: false });
    const project = await createProject(user.id, { name: "exec" });

    expect(await getEnabledExecutors()).toContain("script");
    // Not an admin: "not found", nothing changes.
    await expect(setEnabledExecutors(user, ["claude-code"])).rejects.toMatchObject({ code: "not_found" });

    await setEnabledExecutors(admin, ["claude-code", "anthropic"]);
    await expect(startRun(user.id, { agentId: agent.id, projectId: project.id, task: "echo hi" })).rejects.toMatchObject({
      code: "forbidden",
      message: "The script executor is turned off on this server. Ask an admin, or use another agent.",
    });
    const [audit] = await db().select({ detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, "admin.executors_changed"));
    expect(audit?.detail).toMatchObject({ to: ["claude-code", "anthropic"] });

    await setEnabledExecutors(admin, ["script"]);
    expect((await startRun(user.id, { agentId: agent.id, projectId: project.id, task: "echo hi" })).status).toBe("queued");
  });
});
