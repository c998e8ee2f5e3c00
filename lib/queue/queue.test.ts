import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import {
  buildJobInsert,
  cancelJob,
  claimJob,
  completeJob,
  enqueue,
  failJob,
  getJob,
  hasClaimableJob,
  heartbeatJob,
  INTERRUPTED_ERROR,
  PermanentJobError,
  reconcileExpiredLeases,
  renewLeases,
} from "./queue";
import { createTestUser, resetQueueTables } from "./test-helpers";

const at = (msFromNow: number) => new Date(Date.now() + msFromNow);
const row = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]!;

beforeEach(resetQueueTables);

describe("enqueue and claim", () => {
  it("claims by priority, then run_at, and never a job before its run_at", async () => {
    const low = await enqueue({ type: "t", priority: 0, runAt: at(-3000) });
    const highLater = await enqueue({ type: "t", priority: 5, runAt: at(-1000) });
    const highEarlier = await enqueue({ type: "t", priority: 5, runAt: at(-2000) });
    const future = await enqueue({ type: "t", priority: 100, runAt: at(60_000) });

    const order: string[] = [];
    for (let i = 0; i < 3; i++) order.push((await claimJob({ workerId: "w1" }))!.id);
    expect(order).toEqual([highEarlier.id, highLater.id, low.id]);

    expect(await claimJob({ workerId: "w1" })).toBeNull();
    expect(await hasClaimableJob()).toBe(false);
    expect((await row(future.id)).status).toBe("pending");

    const later = await claimJob({ workerId: "w1", now: at(61_000) });
    expect(later?.id).toBe(future.id);
  });

  it("sets status, lease, worker and attempt on the claimed row", async () => {
    const job = await enqueue({ type: "t", payload: { hello: "world" } });
    const claimed = await claimJob({ workerId: "w1", leaseMs: 30_000 });
    expect(claimed).toMatchObject({ id: job.id, status: "running", lockedBy: "w1", attempts: 1, payload: { hello: "world" } });
    expect(Date.parse(claimed!.leaseUntil!)).toBeGreaterThan(Date.now() + 20_000);
    expect(claimed!.leaseUntil).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("only claims the types asked for", async () => {
    await enqueue({ type: "a" });
    expect(await claimJob({ workerId: "w", types: ["b"] })).toBeNull();
    expect(await claimJob({ workerId: "w", types: [] })).toBeNull();
    expect((await claimJob({ workerId: "w", types: ["b", "a"] }))?.type).toBe("a");
  });

  it("enqueues inside a caller's transaction or batch, alongside the rows it belongs to", async () => {
    const inTx = await db().transaction(async (tx) => enqueue({ type: "t", payload: { n: 1 } }, { tx }));
    const [inBatch] = await db().batch([buildJobInsert({ type: "t", payload: { n: 2 }, priority: 1 })]);
    expect(inTx).toMatchObject({ status: "pending", payload: { n: 1 }, attempts: 0, maxAttempts: 3 });
    expect(inBatch[0]).toMatchObject({ status: "pending", payload: { n: 2 }, priority: 1 });
    expect((await claimJob({ workerId: "w" }))?.id).toBe(inBatch[0]!.id);
    expect((await claimJob({ workerId: "w" }))?.id).toBe(inTx.id);
  });

  it("rejects bad input with a validation error", async () => {
    await expect(enqueue({ type: "" })).rejects.toMatchObject({ code: "validation" });
    await expect(enqueue({ type: "t", maxAttempts: 0 })).rejects.toBeInstanceOf(AppError);
    await expect(enqueue({ type: "t", runAt: "not a date" })).rejects.toMatchObject({ code: "validation" });
  });
});

describe("fencing", () => {
  it("a worker whose lease expired and was taken over cannot complete, fail or renew the job", async () => {
    const job = await enqueue({ type: "t" });
    const first = (await claimJob({ workerId: "A", leaseMs: 1000 }))!;
    // A stalls; its lease runs out; another worker reconciles and claims the job.
    expect(await reconcileExpiredLeases({ now: at(2000) })).toHaveLength(1);
    const second = (await claimJob({ workerId: "B", leaseMs: 30_000, now: at(2000) }))!;
    expect(second).toMatchObject({ id: job.id, lockedBy: "B", attempts: 2 });
    const before = await row(job.id);

    expect(await completeJob(first, { from: "A" })).toBe(false);
    expect(await failJob(first, new Error("A failed"))).toBeNull();
    expect(await heartbeatJob(first)).toBe(false);
    expect(await renewLeases([first])).toEqual(new Set());
    expect(await row(job.id)).toEqual(before);

    expect(await renewLeases([second, first])).toEqual(new Set([job.id]));
    expect(await completeJob(second, { from: "B" })).toBe(true);
    expect(await row(job.id)).toMatchObject({ status: "done", result: { from: "B" }, lockedBy: "B", leaseUntil: null });
  });

  it("fences on the attempt too: the same worker re-claiming a job does not revive its old claim", async () => {
    await enqueue({ type: "t" });
    const old = (await claimJob({ workerId: "A", leaseMs: 1000 }))!;
    await reconcileExpiredLeases({ now: at(2000) });
    const fresh = (await claimJob({ workerId: "A", now: at(2000) }))!;
    expect(await completeJob(old)).toBe(false);
    expect(await completeJob(fresh)).toBe(true);
  });
});

describe("failure and retries", () => {
  it("retries with exponential backoff and jitter, then goes dead after max_attempts", async () => {
    const job = await enqueue({ type: "t", maxAttempts: 3 });
    let now = Date.now();
    for (let attempt = 1; attempt <= 2; attempt++) {
      const claim = (await claimJob({ workerId: "w", now: new Date(now) }))!;
      expect(claim.attempts).toBe(attempt);
      const before = Date.now();
      const outcome = (await failJob(claim, new Error(`boom ${attempt}`)))!;
      expect(outcome.status).toBe("pending");
      const delay = Date.parse(outcome.runAt) - before;
      // full jitter below a ceiling of 1 s x 2^(attempt-1)
      expect(delay).toBeGreaterThanOrEqual(-5);
      expect(delay).toBeLessThan(1000 * 2 ** (attempt - 1) + 50);
      expect(await row(job.id)).toMatchObject({ status: "pending", lockedBy: null, leaseUntil: null, lastError: `boom ${attempt}` });
      now = Date.parse(outcome.runAt) + 1;
    }
    const last = (await claimJob({ workerId: "w", now: new Date(now) }))!;
    expect(last.attempts).toBe(3);
    const outcome = (await failJob(last, new Error("boom 3")))!;
    expect(outcome.status).toBe("dead");
    expect(await row(job.id)).toMatchObject({ status: "dead", attempts: 3, lastError: "boom 3" });
    expect(await claimJob({ workerId: "w", now: at(3_600_000) })).toBeNull();
  });

  it("a PermanentJobError fails the job at once, without retry", async () => {
    const job = await enqueue({ type: "t", maxAttempts: 5 });
    const claim = (await claimJob({ workerId: "w" }))!;
    expect((await failJob(claim, new PermanentJobError("bad payload")))!.status).toBe("failed");
    expect(await row(job.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "bad payload" });
  });
});

describe("cancel", () => {
  it("cancels the owner's pending job, refuses other users, and leaves finished jobs alone", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const job = await enqueue({ type: "t", userId: owner });

    await expect(cancelJob(job.id, { userId: other })).rejects.toMatchObject({ code: "not_found" });
    await expect(getJob(job.id, { userId: other })).rejects.toMatchObject({ code: "not_found" });
    expect((await row(job.id)).status).toBe("pending");

    expect((await cancelJob(job.id, { userId: owner })).status).toBe("cancelled");
    expect(await claimJob({ workerId: "w" })).toBeNull();

    const done = await enqueue({ type: "t", userId: owner });
    const claim = (await claimJob({ workerId: "w" }))!;
    await completeJob(claim);
    expect((await cancelJob(done.id, { all: true })).status).toBe("done");
    await expect(cancelJob("no-such-job", { all: true })).rejects.toMatchObject({ code: "not_found" });
  });

  it("cancelling a running job takes it from its worker", async () => {
    const owner = await createTestUser();
    const job = await enqueue({ type: "t", userId: owner });
    const claim = (await claimJob({ workerId: "w" }))!;
    expect((await cancelJob(job.id, { userId: owner })).status).toBe("cancelled");
    expect(await heartbeatJob(claim)).toBe(false);
    expect(await completeJob(claim)).toBe(false);
    expect((await row(job.id)).status).toBe("cancelled");
  });
});

describe("per-user run concurrency", () => {
  it("holds a FREE user's run jobs to 1 running and a PRO user's to 5, leaving other work claimable", async () => {
    const free = await createTestUser("FREE");
    const pro = await createTestUser("PRO");
    for (let i = 0; i < 3; i++) await enqueue({ type: "run_agent", userId: free, priority: 10 });
    for (let i = 0; i < 7; i++) await enqueue({ type: "run_agent", userId: pro, priority: 5 });

    const claimed = [];
    for (;;) {
      const job = await claimJob({ workerId: "w", types: ["run_agent"] });
      if (!job) break;
      claimed.push(job);
    }
    expect(claimed.filter((j) => j.userId === free)).toHaveLength(1);
    expect(claimed.filter((j) => j.userId === pro)).toHaveLength(5);
    expect(await hasClaimableJob({ types: ["run_agent"] })).toBe(false);

    // Non-run jobs of the same user and system jobs are not limited.
    await enqueue({ type: "index_project", userId: free });
    await enqueue({ type: "prune_logs", userId: null });
    expect((await claimJob({ workerId: "w" }))?.type).toBe("index_project");
    expect((await claimJob({ workerId: "w" }))?.type).toBe("prune_logs");

    // Finishing the FREE user's run lets their next one start; the plan is read at claim time.
    await completeJob(claimed.find((j) => j.userId === free)!);
    expect((await claimJob({ workerId: "w", types: ["run_agent"] }))?.userId).toBe(free);
    expect(await claimJob({ workerId: "w", types: ["run_agent"] })).toBeNull();
    await db().update(users).set({ plan: "PRO" }).where(eq(users.id, free));
    expect((await claimJob({ workerId: "w", types: ["run_agent"] }))?.userId).toBe(free);
  });
});

describe("reconcileExpiredLeases", () => {
  it("returns expired running jobs to pending while attempts remain, else marks them dead", async () => {
    const retry = await enqueue({ type: "t", maxAttempts: 2, priority: 3 });
    const last = await enqueue({ type: "t", maxAttempts: 1, priority: 2 });
    const alive = await enqueue({ type: "t", priority: 1 });
    await claimJob({ workerId: "dead", leaseMs: 1000 });
    await claimJob({ workerId: "dead", leaseMs: 1000 });
    await claimJob({ workerId: "alive", leaseMs: 60_000 });

    const changed = await reconcileExpiredLeases({ now: at(5000) });
    expect(changed.map((j) => [j.id, j.status]).sort()).toEqual(
      [
        [retry.id, "pending"],
        [last.id, "dead"],
      ].sort(),
    );
    expect(await row(retry.id)).toMatchObject({ status: "pending", lockedBy: null, leaseUntil: null, lastError: INTERRUPTED_ERROR });
    expect(await row(last.id)).toMatchObject({ status: "dead", lastError: INTERRUPTED_ERROR });
    expect(await row(alive.id)).toMatchObject({ status: "running", lockedBy: "alive" });
    expect(await reconcileExpiredLeases({ now: at(5000) })).toEqual([]);
  });
});
