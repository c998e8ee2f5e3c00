import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { db, dbClient } from "@/db/client";
import { jobs } from "@/db/schema";
import { enqueue, INTERRUPTED_ERROR } from "./queue";
import { resetQueueTables, spawnChildWorker, waitFor, type ChildWorker } from "./test-helpers";
import type { Job } from "./types";
import { startWorker, type Worker } from "./worker";

/** Real child processes on this test file's database file. */

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let children: ChildWorker[] = [];
let workers: Worker[] = [];

beforeEach(resetQueueTables);
afterEach(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  await Promise.all(workers.map((w) => w.stop({ drainMs: 0, abortGraceMs: 500 })));
  children = [];
  workers = [];
});

async function counts() {
  const rows = await dbClient().execute("SELECT status, count(*) AS n FROM jobs GROUP BY status");
  return Object.fromEntries(rows.rows.map((r) => [String(r.status), Number(r.n)]));
}

describe("workers in separate processes", () => {
  it("two worker processes on one database run each of 300 jobs exactly once", { timeout: 90_000 }, async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 300; i++) ids.add((await enqueue({ type: "count", priority: i % 7 })).id);
    children = [spawnChildWorker(), spawnChildWorker()];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();

    await waitFor(async () => (await counts()).done === 300, { timeoutMs: 60_000, intervalMs: 100, what: "300 jobs done" });
    for (const c of children) c.proc.kill("SIGTERM");
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);

    const ran = children.map((c) => c.lines.filter((l) => l.startsWith("ran ")).map((l) => l.split(" ")[1]!));
    const all = ran.flat();
    expect(all).toHaveLength(300); // no job ran twice...
    expect(new Set(all)).toEqual(ids); // ...and every one ran
    // both processes really competed for the jobs
    expect(ran[0]!.length).toBeGreaterThan(0);
    expect(ran[1]!.length).toBeGreaterThan(0);
    const rows = await db().select().from(jobs);
    expect(rows.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    expect(new Set(rows.map((j) => j.lockedBy)).size).toBe(2);
  });

  it("after a worker is killed with SIGKILL, the next worker retries its jobs or marks them dead within 10 s", { timeout: 60_000 }, async () => {
    const retried = await enqueue({ type: "long", maxAttempts: 3, priority: 1 });
    const lastTry = await enqueue({ type: "long", maxAttempts: 1 });
    // The child runs with the default lease, so this also checks the default meets the 10 s goal.
    const child = spawnChildWorker({ QUEUE_CONCURRENCY: "2" });
    children = [child];
    await child.ready;
    child.go();
    await waitFor(() => child.lines.filter((l) => l.startsWith("started ")).length === 2, { what: "both jobs started in the child" });
    child.proc.kill("SIGKILL");
    await child.exited;

    const rerun: Job[] = [];
    const interrupted: Job[] = [];
    const restartedAt = Date.now();
    workers.push(
      startWorker({
        logger: quiet,
        handlers: {
          long: {
            run: async ({ job }) => void rerun.push(job),
            onInterrupted: (job) => void interrupted.push(job),
          },
        },
      }),
    );
    await waitFor(() => rerun.length === 1 && interrupted.length === 2, { timeoutMs: 20_000, what: "reconcile" });
    const elapsed = Date.now() - restartedAt;
    expect(elapsed).toBeLessThan(10_000);

    expect(rerun[0]).toMatchObject({ id: retried.id, attempts: 2 });
    const rows = await db().select().from(jobs).where(inArray(jobs.id, [retried.id, lastTry.id]));
    await waitFor(async () => (await db().select().from(jobs).where(eq(jobs.id, retried.id)))[0]!.status === "done");
    expect(rows.find((j) => j.id === lastTry.id)).toMatchObject({ status: "dead", attempts: 1, lastError: INTERRUPTED_ERROR });
  });
});
