import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { cancelJob, claimJob, enqueue, INTERRUPTED_ERROR, PermanentJobError } from "./queue";
import { createTestUser, resetQueueTables, waitFor } from "./test-helpers";
import { JobAbortedError, type Job, type JobHandlers } from "./types";
import { startInlineWorker, startWorker, stopInlineWorker, type Worker, type WorkerOptions } from "./worker";

const row = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]!;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let workers: Worker[] = [];
function worker(options: Partial<WorkerOptions> & Pick<WorkerOptions, "handlers">): Worker {
  const w = startWorker({ pollMs: 50, logger: quiet, ...options });
  workers.push(w);
  return w;
}

/** A promise with its resolve exposed. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(resetQueueTables);
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop({ drainMs: 0, abortGraceMs: 500 })));
  workers = [];
});

describe("worker", () => {
  it("runs an enqueued job and stores its result", async () => {
    const started = deferred<Job>();
    worker({
      handlers: {
        echo: async ({ job }) => {
          started.resolve(job);
          return { echoed: job.payload.text };
        },
      },
    });
    const job = await enqueue({ type: "echo", payload: { text: "hi" } });
    expect((await started.promise).id).toBe(job.id);
    const done = await waitFor(async () => ((await row(job.id)).status === "done" ? row(job.id) : null));
    expect(done).toMatchObject({ status: "done", attempts: 1, result: { echoed: "hi" }, leaseUntil: null });
  });

  it("retries a failing job with backoff, then marks it dead after max_attempts", async () => {
    let calls = 0;
    worker({
      backoff: { baseMs: 20, capMs: 100 },
      handlers: {
        flaky: async ({ job }) => {
          calls++;
          throw new Error(`attempt ${job.attempts} failed`);
        },
      },
    });
    const job = await enqueue({ type: "flaky", maxAttempts: 3 });
    const dead = await waitFor(async () => ((await row(job.id)).status === "dead" ? row(job.id) : null));
    expect(dead).toMatchObject({ attempts: 3, lastError: "attempt 3 failed" });
    expect(calls).toBe(3);
  });

  it("does not retry a PermanentJobError", async () => {
    let calls = 0;
    worker({
      handlers: {
        bad: async () => {
          calls++;
          throw new PermanentJobError("cannot ever work");
        },
      },
    });
    const job = await enqueue({ type: "bad", maxAttempts: 5 });
    const failed = await waitFor(async () => ((await row(job.id)).status === "failed" ? row(job.id) : null));
    expect(failed).toMatchObject({ attempts: 1, lastError: "cannot ever work" });
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(1);
  });

  it("cancelling a running job aborts the handler's signal at once (in-process)", async () => {
    const owner = await createTestUser();
    const started = deferred();
    const aborted = deferred<unknown>();
    worker({
      heartbeatMs: 60_000, // prove it is the in-process notification, not a heartbeat
      handlers: {
        long: async ({ signal }) => {
          started.resolve();
          await new Promise((_r, reject) =>
            signal.addEventListener("abort", () => {
              aborted.resolve(signal.reason);
              reject(signal.reason);
            }),
          );
        },
      },
    });
    const job = await enqueue({ type: "long", userId: owner });
    await started.promise;
    await cancelJob(job.id, { userId: owner });
    const reason = await aborted.promise;
    expect(reason).toBeInstanceOf(JobAbortedError);
    expect((reason as JobAbortedError).reason).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 100));
    expect((await row(job.id)).status).toBe("cancelled"); // the handler's rejection changed nothing
  });

  it("notices a cancel made by another process on its next heartbeat", async () => {
    const started = deferred();
    const aborted = deferred<unknown>();
    worker({
      heartbeatMs: 100,
      handlers: {
        long: async ({ signal }) => {
          started.resolve();
          await new Promise<void>((resolve) =>
            signal.addEventListener("abort", () => {
              aborted.resolve(signal.reason);
              resolve(); // even a handler that returns normally cannot mark it done
            }),
          );
        },
      },
    });
    const job = await enqueue({ type: "long" });
    await started.promise;
    // What cancelJob does, minus this process's notification.
    await db().update(jobs).set({ status: "cancelled" }).where(eq(jobs.id, job.id));
    expect(((await aborted.promise) as JobAbortedError).reason).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 100));
    expect((await row(job.id)).status).toBe("cancelled");
  });

  it("aborts with lease_lost when another worker took the job over", async () => {
    const started = deferred();
    const aborted = deferred<unknown>();
    worker({
      heartbeatMs: 100,
      handlers: {
        long: async ({ signal }) => {
          started.resolve();
          await new Promise((_r, reject) => signal.addEventListener("abort", () => (aborted.resolve(signal.reason), reject(signal.reason))));
        },
      },
    });
    const job = await enqueue({ type: "long" });
    await started.promise;
    await db().update(jobs).set({ lockedBy: "someone-else", attempts: 9 }).where(eq(jobs.id, job.id));
    expect(((await aborted.promise) as JobAbortedError).reason).toBe("lease_lost");
    await new Promise((r) => setTimeout(r, 100));
    expect(await row(job.id)).toMatchObject({ status: "running", lockedBy: "someone-else", attempts: 9 });
  });

  it("holds each user to their plan's concurrent runs while running other work", async () => {
    const free = await createTestUser("FREE");
    const pro = await createTestUser("PRO");
    const runningNow = new Map<string, number>();
    const maxSeen = new Map<string, number>();
    const release = deferred();
    const handlers: JobHandlers = {
      run_agent: async ({ job }) => {
        const user = job.userId!;
        runningNow.set(user, (runningNow.get(user) ?? 0) + 1);
        maxSeen.set(user, Math.max(maxSeen.get(user) ?? 0, runningNow.get(user)!));
        await release.promise;
        runningNow.set(user, runningNow.get(user)! - 1);
      },
      noop: async () => {},
    };
    worker({ handlers, concurrency: 20 });
    for (let i = 0; i < 3; i++) await enqueue({ type: "run_agent", userId: free });
    for (let i = 0; i < 7; i++) await enqueue({ type: "run_agent", userId: pro });
    const other = await enqueue({ type: "noop", userId: free });

    await waitFor(() => runningNow.get(pro) === 5 && runningNow.get(free) === 1, { what: "1 FREE + 5 PRO runs" });
    await waitFor(async () => (await row(other.id)).status === "done", { what: "the FREE user's non-run job" });
    // Over the limit means waiting, not failing.
    const pending = await db().select().from(jobs).where(eq(jobs.status, "pending"));
    expect(pending).toHaveLength(4);
    expect(pending.every((j) => j.type === "run_agent" && j.attempts === 0)).toBe(true);

    release.resolve();
    await waitFor(async () => (await db().select().from(jobs).where(eq(jobs.status, "done"))).length === 11, { what: "all jobs done" });
    expect(maxSeen.get(free)).toBe(1);
    expect(maxSeen.get(pro)).toBe(5);
  });

  it("hands running jobs back on stop: pending again, or dead when out of attempts", async () => {
    const interrupted: Job[] = [];
    const started = new Set<string>();
    const w = worker({
      handlers: {
        // one handler honours its signal, the other ignores it
        polite: {
          run: async ({ job, signal }) => {
            started.add(job.id);
            await new Promise((_r, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
          },
          onInterrupted: (job) => void interrupted.push(job),
        },
        stubborn: {
          run: async ({ job }) => {
            started.add(job.id);
            await new Promise(() => {});
          },
          onInterrupted: (job) => void interrupted.push(job),
        },
      },
    });
    const polite = await enqueue({ type: "polite", maxAttempts: 3 });
    const stubborn = await enqueue({ type: "stubborn", maxAttempts: 1 });
    await waitFor(() => started.size === 2);
    await w.stop({ drainMs: 50, abortGraceMs: 200 });

    expect(await row(polite.id)).toMatchObject({ status: "pending", lockedBy: null, lastError: INTERRUPTED_ERROR, attempts: 1 });
    expect(await row(stubborn.id)).toMatchObject({ status: "dead", lastError: INTERRUPTED_ERROR });
    expect(interrupted.map((j) => [j.id, j.status]).sort()).toEqual(
      [
        [polite.id, "pending"],
        [stubborn.id, "dead"],
      ].sort(),
    );
    expect(w.active).toBe(0);
  });

  it("reconciles expired leases when it starts, and tells the job type's onInterrupted", async () => {
    const job = await enqueue({ type: "resumable", maxAttempts: 2 });
    await claimJob({ workerId: "crashed", leaseMs: 1 });
    await new Promise((r) => setTimeout(r, 10));
    const interrupted = deferred<Job>();
    const reran = deferred<Job>();
    worker({ handlers: { resumable: { run: async ({ job }) => reran.resolve(job), onInterrupted: interrupted.resolve } } });
    expect(await interrupted.promise).toMatchObject({ id: job.id, status: "pending", lastError: INTERRUPTED_ERROR });
    expect(await reran.promise).toMatchObject({ id: job.id, attempts: 2 });
  });

  it("keeps going after database errors in the claim", async () => {
    const errors: unknown[] = [];
    const ran = deferred<string>();
    // A claim that fails: the worker claims only types it handles, and an absurdly long type list breaks the SQL.
    const many = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`t${i}`, async () => {}]));
    const broken = worker({ handlers: many, errorDelayMs: 20, logger: { ...quiet, error: (...args: unknown[]) => errors.push(args) } });
    await enqueue({ type: "t1" });
    await waitFor(() => errors.length >= 2, { what: "repeated claim errors" });
    await broken.stop({ drainMs: 0 });
    worker({ handlers: { t1: async ({ job }) => ran.resolve(job.id) } });
    expect(await ran.promise).toBeTruthy();
  });

  it("startInlineWorker starts one worker per process", async () => {
    const a = startInlineWorker({});
    const b = startInlineWorker({});
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    await stopInlineWorker({ drainMs: 0 });
    const c = startInlineWorker({});
    expect(c).not.toBe(a);
    await stopInlineWorker({ drainMs: 0 });
  });
});
