import { beforeEach, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { db, dbClient } from "@/db/client";
import { agentRuns, jobs, runEvents, users } from "@/db/schema";
import { JOB_TYPES, type Plan, type RunStatus } from "@/lib/domain";
import { PLAN_LIMITS } from "@/lib/billing/plans";
import { claimJob, completeJob } from "@/lib/queue/queue";
import { jobHandlers } from "@/lib/server/job-handlers";
import { definitionOf } from "@/lib/queue/types";
import { PRUNE_INTERVAL_MS, pruneExpiredLogs, schedulePruning } from "./retention";
import { createRun, createUser } from "./test-helpers";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-06-01T12:00:00.000Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY).toISOString();

async function userWithPlan(plan: Plan) {
  const id = await createUser();
  await db().update(users).set({ plan }).where(eq(users.id, id));
  return id;
}

/** A run of `userId` with `events` log rows, finished `finishedDaysAgo` days before NOW (null: not finished). */
async function runWithEvents(userId: string, status: RunStatus, finishedDaysAgo: number | null, events = 3) {
  const { runId } = await createRun(userId, status);
  await db()
    .update(agentRuns)
    .set({ completedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo), lastSeq: events, inputTokens: 42, costUsd: 0.5 })
    .where(eq(agentRuns.id, runId));
  if (events > 0) {
    await db()
      .insert(runEvents)
      .values(Array.from({ length: events }, (_, i) => ({ runId, seq: i + 1, stream: "stdout" as const, kind: "text", payload: { text: `line ${i}` } })));
  }
  return runId;
}

async function eventCount(runId: string) {
  const [row] = await db().select({ n: count() }).from(runEvents).where(eq(runEvents.runId, runId));
  return row!.n;
}
const runRow = async (runId: string) => (await db().select().from(agentRuns).where(eq(agentRuns.id, runId)))[0]!;

beforeEach(async () => {
  await dbClient().execute("DELETE FROM jobs");
  await dbClient().execute("DELETE FROM users");
});

describe("pruneExpiredLogs", () => {
  it("deletes a FREE run's events after its plan's retention, keeps younger, PRO and unfinished runs' events", async () => {
    expect(PLAN_LIMITS.FREE.logRetentionDays).toBeLessThan(15);
    expect(PLAN_LIMITS.PRO.logRetentionDays).toBeGreaterThan(15);
    const free = await userWithPlan("FREE");
    const pro = await userWithPlan("PRO");
    const freeOld = await runWithEvents(free, "completed", 15);
    const freeFailedOld = await runWithEvents(free, "failed", 20);
    const freeYoung = await runWithEvents(free, "completed", 13);
    const proOld = await runWithEvents(pro, "completed", 15);
    // Running (or queued) runs are never pruned, even with an old completed_at somehow set.
    const running = await runWithEvents(free, "running", 400);
    const queued = await runWithEvents(free, "queued", null);

    const result = await pruneExpiredLogs(NOW);
    expect(result).toEqual({ runs: 2, events: 6 });

    expect(await eventCount(freeOld)).toBe(0);
    expect(await eventCount(freeFailedOld)).toBe(0);
    expect(await eventCount(freeYoung)).toBe(3);
    expect(await eventCount(proOld)).toBe(3);
    expect(await eventCount(running)).toBe(3);
    expect(await eventCount(queued)).toBe(3);

    // The run row stays, with its history, and says its log was pruned.
    const pruned = await runRow(freeOld);
    expect(pruned).toMatchObject({ status: "completed", inputTokens: 42, costUsd: 0.5, lastSeq: 3 });
    expect(pruned.output).toEqual({ logPruned: true, logPrunedAt: NOW.toISOString() });
    expect((await runRow(freeYoung)).output).toBeNull();
    expect((await runRow(proOld)).output).toBeNull();

    // Idempotent: a second pass finds nothing.
    expect(await pruneExpiredLogs(NOW)).toEqual({ runs: 0, events: 0 });
  });

  it("keeps existing output keys and prunes past PRO retention too", async () => {
    const pro = await userWithPlan("PRO");
    const runId = await runWithEvents(pro, "cancelled", PLAN_LIMITS.PRO.logRetentionDays + 1);
    await db().update(agentRuns).set({ output: { summary: "done" } }).where(eq(agentRuns.id, runId));
    expect(await pruneExpiredLogs(NOW)).toEqual({ runs: 1, events: 3 });
    expect((await runRow(runId)).output).toEqual({ summary: "done", logPruned: true, logPrunedAt: NOW.toISOString() });
  });

  it("deletes a large log in several bounded chunks, letting other work run between them", async () => {
    const free = await userWithPlan("FREE");
    const big = await runWithEvents(free, "completed", 30, 0);
    const rows = Array.from({ length: 12_001 }, (_, i) => ({ runId: big, seq: i + 1, stream: "stdout" as const, kind: "text", payload: { i } }));
    for (let i = 0; i < rows.length; i += 2_000) await db().insert(runEvents).values(rows.slice(i, i + 2_000));
    // The server keeps answering while it prunes: other work (here a timer's turn) runs between chunks.
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    const pruning = pruneExpiredLogs(NOW);
    const turnsBefore = turns;
    expect(await pruning).toEqual({ runs: 1, events: 12_001 });
    expect(turns - turnsBefore).toBeGreaterThanOrEqual(2);
    expect(await eventCount(big)).toBe(0);
  });
});

describe("prune_logs job", () => {
  const pruneJobs = () => db().select().from(jobs).where(eq(jobs.type, JOB_TYPES.pruneLogs));

  it("schedulePruning twice (even concurrently) leaves one job", async () => {
    expect(await schedulePruning()).toBe(true);
    expect(await schedulePruning()).toBe(false);
    await Promise.all([schedulePruning(), schedulePruning(), schedulePruning()]);
    const rows = await pruneJobs();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", userId: null });
  });

  it("the registered handler prunes and re-enqueues itself a day later; schedulePruning then adds nothing", async () => {
    await schedulePruning();
    const job = (await claimJob({ workerId: "w", types: [JOB_TYPES.pruneLogs] }))!;
    expect(job.type).toBe(JOB_TYPES.pruneLogs);
    // While it runs, another process starting up does not add a second chain.
    expect(await schedulePruning()).toBe(false);

    const before = Date.now();
    const result = await definitionOf(jobHandlers[JOB_TYPES.pruneLogs]!).run({ job, signal: new AbortController().signal, heartbeat: async () => true });
    expect(result).toMatchObject({ runs: 0, events: 0, nextScheduled: true });
    expect(await completeJob(job, result ?? null)).toBe(true);

    const pending = (await pruneJobs()).filter((j) => j.status === "pending");
    expect(pending).toHaveLength(1);
    const delay = Date.parse(pending[0]!.runAt) - before;
    expect(delay).toBeGreaterThanOrEqual(PRUNE_INTERVAL_MS - 1000);
    expect(delay).toBeLessThan(PRUNE_INTERVAL_MS + 60_000);
    expect(await schedulePruning()).toBe(false);
    expect(await pruneJobs()).toHaveLength(2);
  });
});
