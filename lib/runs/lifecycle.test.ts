import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { createAgent } from "@/lib/agents/agents";
import fs from "node:fs";
import { createProject, deleteProject } from "@/lib/projects/projects";
import { jobHandlers } from "@/lib/server/job-handlers";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { createUser } from "@/lib/users/users";
import { readEvents } from "./events";
import { cancelRun, listRuns, retryRun, startRun } from "./lifecycle";
import { getRunForUser } from "./runs";

let worker: Worker;
beforeAll(() => {
  worker = startWorker({ handlers: jobHandlers, pollMs: 50, keepAlive: false });
});
afterAll(async () => {
  await worker.stop({ drainMs: 100, abortGraceMs: 500 });
});

async function setup(email: string) {
  const user = (await createUser({ email }))!;
  const project = await createProject(user.id, { name: "demo" });
  const agent = await createAgent(user.id, {
    name: "shell",
    executor: "script",
    model: "sonnet",
    systemPrompt: "",
    icon: "terminal",
    type: "development",
    tools: [],
    enableFileRead: true,
    enableFileWrite: true,
    enableNetwork: false,
    defaultTask: null,
    hooks: null,
  });
  return { userId: user.id, projectId: project.id, agentId: agent.id };
}

async function waitForStatus(userId: string, runId: string, statuses: string[], timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRunForUser(userId, runId);
    if (statuses.includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run stayed ${run.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("runs, end to end through the queue and the script executor", () => {
  it("a script run goes queued -> running -> completed and every line is in the log, in order", async () => {
    const { userId, projectId, agentId } = await setup("run-ok@example.com");
    const run = await startRun(userId, { agentId, projectId, task: "for i in 1 2 3; do echo line $i; done; echo oops >&2" });
    expect(run.status).toBe("queued");
    const done = await waitForStatus(userId, run.id, ["completed", "failed"]);
    expect(done).toMatchObject({ status: "completed", exitCode: 0, error: null });
    expect(done.startedAt).not.toBeNull();

    const events = await readEvents(run.id, 0, 100);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const texts = events.filter((e) => e.event === "log").map((e) => (e.data as { text: string }).text);
    expect(texts).toEqual(expect.arrayContaining(["line 1", "line 2", "line 3", "oops"]));
    expect(texts.indexOf("line 1")).toBeLessThan(texts.indexOf("line 3"));
    const statuses = events.filter((e) => e.event === "status").map((e) => (e.data as { status: string }).status);
    expect(statuses).toEqual(["queued", "running", "completed"]);
    expect(done.lastSeq).toBe(events.length);
  });

  it("a failing command fails the run with its exit code, and retry starts a new run", async () => {
    const { userId, projectId, agentId } = await setup("run-fail@example.com");
    const run = await startRun(userId, { agentId, projectId, task: "echo before; exit 3" });
    const failed = await waitForStatus(userId, run.id, ["completed", "failed"]);
    expect(failed).toMatchObject({ status: "failed", exitCode: 3 });
    expect(failed.error).toMatch(/3/);

    const again = await retryRun(userId, run.id);
    expect(again.id).not.toBe(run.id);
    expect(again.task).toBe("echo before; exit 3");
    const list = await listRuns(userId, { limit: 10 });
    expect(list.data.map((r) => r.id)).toEqual([again.id, run.id]);
  });

  it("cancel stops a running command and marks the run cancelled", async () => {
    const { userId, projectId, agentId } = await setup("run-cancel@example.com");
    const run = await startRun(userId, { agentId, projectId, task: "echo started; sleep 30; echo never" });
    await waitForStatus(userId, run.id, ["running"]);
    const t0 = Date.now();
    await cancelRun(userId, run.id);
    const cancelled = await waitForStatus(userId, run.id, ["cancelled", "failed", "completed"]);
    expect(cancelled.status).toBe("cancelled");
    expect(Date.now() - t0).toBeLessThan(8_000);
    const texts = (await readEvents(run.id, 0, 100)).filter((e) => e.event === "log").map((e) => (e.data as { text: string }).text);
    expect(texts).not.toContain("never");
  });

  it("deleting a project stops its running run's process", async () => {
    const { userId, projectId, agentId } = await setup("run-delete-project@example.com");
    const marker = `/tmp/switchboard-orphan-${Date.now()}`;
    const run = await startRun(userId, { agentId, projectId, task: `sleep 2; touch ${marker}` });
    await waitForStatus(userId, run.id, ["running"]);
    await deleteProject(userId, projectId);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("another user's agent, project or run is not found", async () => {
    const a = await setup("run-owner@example.com");
    const b = await setup("run-other@example.com");
    await expect(startRun(b.userId, { agentId: a.agentId, projectId: b.projectId, task: "echo" })).rejects.toMatchObject({ code: "not_found" });
    await expect(startRun(b.userId, { agentId: b.agentId, projectId: a.projectId, task: "echo" })).rejects.toMatchObject({ code: "not_found" });
    const run = await startRun(a.userId, { agentId: a.agentId, projectId: a.projectId, task: "echo mine" });
    await expect(getRunForUser(b.userId, run.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelRun(b.userId, run.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(retryRun(b.userId, run.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("the FREE plan's monthly run limit refuses the 101st run with a message naming the limit", async () => {
    const { userId, projectId, agentId } = await setup("run-limit@example.com");
    await worker.stop({ drainMs: 0, abortGraceMs: 0 }); // keep these queued: only the count matters
    for (let i = 0; i < 100; i++) await startRun(userId, { agentId, projectId, task: `echo ${i}` });
    await expect(startRun(userId, { agentId, projectId, task: "echo one too many" })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/FREE plan allows 100 runs a month.*\/billing/),
    });
    expect((await listRuns(userId, { limit: 100 })).data).toHaveLength(100);
    await db().update(users).set({ plan: "PRO" }).where(eq(users.id, userId));
    await expect(startRun(userId, { agentId, projectId, task: "echo pro" })).resolves.toMatchObject({ status: "queued" });
  });
});
