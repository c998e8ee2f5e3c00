import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { createAgent } from "@/lib/agents/agents";
import { resetConfigForTests } from "@/lib/config";
import { createProject } from "@/lib/projects/projects";
import { startRun } from "@/lib/runs/lifecycle";
import { createUser } from "@/lib/users/users";
import { assertSandboxAtStart, mustConfine, sandboxWarning } from "./policy";
import { resetSandboxStatusForTests, sandboxStatus } from "./status";

/**
 * SANDBOX=auto|on|off on a machine with and without bubblewrap. "Without" is
 * real: PATH points at a folder with no bwrap in it, as on a host where the
 * package is not installed.
 */
const savedPath = process.env.PATH;

function machine({ sandbox, bwrap }: { sandbox: "auto" | "on" | "off"; bwrap: boolean }) {
  process.env.SANDBOX = sandbox;
  process.env.PATH = bwrap ? savedPath : fs.mkdtempSync(path.join(os.tmpdir(), "sb-no-bwrap-"));
  resetConfigForTests();
  resetSandboxStatusForTests();
}

afterEach(() => {
  process.env.PATH = savedPath;
  delete process.env.SANDBOX;
  resetConfigForTests();
  resetSandboxStatusForTests();
});

async function userWithScriptAgent(role: "admin" | "user") {
  const user = (await createUser({ email: `${role}-${Date.now()}-${Math.random()}@example.test`, name: role }))!;
  await db().update(users).set({ role }).where(eq(users.id, user.id));
  const project = await createProject(user.id, { name: "p" });
  const agent = await createAgent(user.id, {
    name: "sh", executor: "script", model: "sonnet", icon: "terminal", type: "development", systemPrompt: "",
    defaultTask: null, tools: [], hooks: null, enableFileRead: true, enableFileWrite: true, enableNetwork: false,
  });
  return { userId: user.id, projectId: project.id, agentId: agent.id };
}

describe("who runs confined (SANDBOX and what the machine has)", () => {
  it("auto without bubblewrap: a user's run is refused up front, saying what to install; an admin's is accepted, under a warning", async () => {
    const user = await userWithScriptAgent("user");
    const admin = await userWithScriptAgent("admin");
    machine({ sandbox: "auto", bwrap: false });
    expect(sandboxStatus()).toMatchObject({ available: false, bwrap: null });
    expect(sandboxStatus().problems[0]).toMatch(/bubblewrap \(bwrap\) is not installed: install bubblewrap and slirp4netns/);

    await expect(startRun(user.userId, { agentId: user.agentId, projectId: user.projectId, task: "id" })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/Agents cannot run on this server yet: it has no sandbox.*apt-get install bubblewrap slirp4netns/),
    });
    const adminRun = await startRun(admin.userId, { agentId: admin.agentId, projectId: admin.projectId, task: "id" });
    expect(adminRun.status).toBe("queued");
    expect(sandboxWarning()).toBe("unavailable");
    expect(mustConfine("admin")).toBe(false);
  });

  it("auto with bubblewrap: everyone, admins too, runs confined and no warning shows", () => {
    machine({ sandbox: "auto", bwrap: true });
    expect(sandboxStatus().available).toBe(true);
    expect(mustConfine("user")).toBe(true);
    expect(mustConfine("admin")).toBe(true);
    expect(sandboxWarning()).toBeNull();
  });

  it("on: the server refuses to start without the sandbox, and starts with it", () => {
    machine({ sandbox: "on", bwrap: false });
    expect(() => assertSandboxAtStart()).toThrow(/SANDBOX=on but the sandbox cannot run here: bubblewrap \(bwrap\) is not installed/);
    machine({ sandbox: "on", bwrap: true });
    expect(() => assertSandboxAtStart()).not.toThrow();
  });

  it("off: nothing is confined, and the admin console is told so", () => {
    machine({ sandbox: "off", bwrap: true });
    expect(mustConfine("user")).toBe(false);
    expect(sandboxWarning()).toBe("off");
  });
});
