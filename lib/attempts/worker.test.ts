import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, taskAttempts } from "@/db/schema";
import { deleteTask, purgeTask } from "@/lib/tasks/tasks";
import { cleanupAttemptWorktrees } from "./cleanup";
import { jobHandlers } from "@/lib/server/job-handlers";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker } from "@/lib/queue/worker";
import { cancelAttempt, getAttemptDetail, sendFollowUp, startAttempt } from "./attempts";
import { runAttemptJobDefinition } from "./jobs";
import { fixture, sh } from "./test-helpers";
import type { Job } from "@/db/schema";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const worker = startWorker({ handlers: jobHandlers, pollMs: 50, logger: quiet });
afterAll(() => worker.stop({ drainMs: 0, abortGraceMs: 500 }));

const settled = (userId: string, id: string) =>
  waitFor(async () => {
    const a = await getAttemptDetail(userId, id);
    return a.status !== "queued" && a.status !== "running" ? a : null;
  }, { what: "attempt to finish" });

describe("attempts through the real queue worker", () => {
  it("runs the job the start enqueued, and re-runs for a follow-up", async () => {
    const f = await fixture();
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "by the worker" });
    expect((await settled(f.userId, attempt.id)).status).toBe("completed");
    await sendFollowUp(f.userId, attempt.id, "again");
    const done = await settled(f.userId, attempt.id);
    expect(done.status).toBe("completed");
    expect(done.processes).toHaveLength(2);
  });

  it("cancel stops the running agent and withdraws queued follow-ups", async () => {
    const f = await fixture({ agentTask: "sleep 20" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId });
    await waitFor(async () => (await getAttemptDetail(f.userId, attempt.id)).processes.some((p) => p.status === "running"), { what: "agent running" });
    await sendFollowUp(f.userId, attempt.id, "never runs");
    const started = Date.now();
    await cancelAttempt(f.userId, attempt.id);
    const done = await settled(f.userId, attempt.id);
    expect(done.status).toBe("cancelled");
    expect(done.drafts.map((d) => d.status)).toEqual(["sent", "cancelled"]);
    await waitFor(async () => (await getAttemptDetail(f.userId, attempt.id)).processes.every((p) => p.status === "cancelled"), { what: "process cancelled" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("a worker that died mid-attempt leaves it failed as interrupted", async () => {
    const f = await fixture({ agentTask: "sleep 20" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId });
    await waitFor(async () => (await getAttemptDetail(f.userId, attempt.id)).processes.some((p) => p.status === "running"), { what: "agent running" });
    await runAttemptJobDefinition.onInterrupted!({ id: "x", payload: { attemptId: attempt.id }, status: "dead" } as unknown as Job);
    const after = await getAttemptDetail(f.userId, attempt.id);
    expect(after).toMatchObject({ status: "failed", error: expect.stringMatching(/^interrupted/) });
    expect(after.processes[0]!.status).toBe("failed");
    await cancelAttempt(f.userId, attempt.id); // no-op on a failed attempt; stop the job
  });

  it("deleting a task stops its running agent and keeps its worktree while it is in the trash; once purged, the next cleanup removes the orphaned worktree and keeps the branch", async () => {
    const f = await fixture({ agentTask: "echo started > started.txt; sleep 20" });
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId });
    const running = await waitFor(async () => (await getAttemptDetail(f.userId, attempt.id)).processes.find((p) => p.status === "running"), { what: "agent running" });
    const [row] = await db().select({ worktree: taskAttempts.worktreePath, branch: taskAttempts.branch }).from(taskAttempts).where(eq(taskAttempts.id, attempt.id));
    const started = Date.now();
    await deleteTask(f.userId, f.taskId);
    // The agent's run (kept in /runs) ends cancelled well before its 20 s sleep would.
    const run = await waitFor(async () => {
      const [r] = await db().select({ status: agentRuns.status }).from(agentRuns).where(eq(agentRuns.id, running.runId!));
      return r && r.status !== "running" && r.status !== "queued" ? r : null;
    }, { what: "run stopped" });
    expect(run.status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(15_000);

    // In the trash, nothing on disk changes, however late the cleanup runs.
    expect((await cleanupAttemptWorktrees({ now: Date.now() + 2 * 60 * 60 * 1000 })).orphans).toBe(0);
    expect(fs.existsSync(row!.worktree!)).toBe(true);
    await purgeTask(f.userId, f.taskId);
    // Within the grace hour the folder stays (it could be an attempt being created); after it, it goes.
    expect((await cleanupAttemptWorktrees()).orphans).toBe(0);
    expect(fs.existsSync(row!.worktree!)).toBe(true);
    const result = await cleanupAttemptWorktrees({ now: Date.now() + 2 * 60 * 60 * 1000 });
    expect(result).toMatchObject({ orphans: 1, errors: [] });
    expect(fs.existsSync(row!.worktree!)).toBe(false);
    // The branch and the work committed when the agent was stopped are still in the repository.
    expect(sh(f.repo, "show", `${row!.branch}:started.txt`)).toBe("started");
    expect(sh(f.repo, "worktree", "list")).not.toContain(row!.worktree!);
  });
});
