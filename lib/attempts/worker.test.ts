import { afterAll, describe, expect, it } from "vitest";
import { jobHandlers } from "@/lib/queue/handlers";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker } from "@/lib/queue/worker";
import { cancelAttempt, getAttemptDetail, sendFollowUp, startAttempt } from "./attempts";
import { runAttemptJobDefinition } from "./jobs";
import { fixture } from "./test-helpers";
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
});
