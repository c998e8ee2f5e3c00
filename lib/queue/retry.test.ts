import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { cancelJob, claimJob, completeJob, enqueue, failJob, PermanentJobError, retryJob } from "./queue";
import { createTestUser, resetQueueTables } from "./test-helpers";

const row = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]!;

beforeEach(resetQueueTables);

describe("retryJob", () => {
  it("puts a dead job back: pending, attempts reset, due now, no lease", async () => {
    const job = await enqueue({ type: "t", maxAttempts: 1, runAt: new Date(Date.now() - 60_000) });
    const claim = (await claimJob({ workerId: "w" }))!;
    expect((await failJob(claim, new Error("boom")))!.status).toBe("dead");

    const before = Date.now();
    const retried = await retryJob(job.id, { all: true });
    expect(retried).toMatchObject({ status: "pending", attempts: 0, lockedBy: null, leaseUntil: null });
    expect(Date.parse(retried.runAt)).toBeGreaterThanOrEqual(before - 5);
    expect(await row(job.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect((await claimJob({ workerId: "w" }))?.id).toBe(job.id);
  });

  it("retries failed and cancelled jobs, scoped to the owner", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const failed = await enqueue({ type: "t", userId: owner });
    const claim = (await claimJob({ workerId: "w" }))!;
    await failJob(claim, new PermanentJobError("bad"));
    const cancelled = await enqueue({ type: "t", userId: owner });
    await cancelJob(cancelled.id, { all: true });

    await expect(retryJob(failed.id, { userId: other })).rejects.toMatchObject({ code: "not_found" });
    expect((await row(failed.id)).status).toBe("failed");
    expect((await retryJob(failed.id, { userId: owner })).status).toBe("pending");
    expect((await retryJob(cancelled.id, { all: true })).status).toBe("pending");
  });

  it("refuses pending, running and done jobs, and unknown ids", async () => {
    const pending = await enqueue({ type: "t" });
    await expect(retryJob(pending.id, { all: true })).rejects.toMatchObject({ code: "conflict" });
    const claim = (await claimJob({ workerId: "w" }))!;
    await expect(retryJob(pending.id, { all: true })).rejects.toMatchObject({ code: "conflict" });
    await completeJob(claim);
    await expect(retryJob(pending.id, { all: true })).rejects.toMatchObject({ code: "conflict" });
    expect((await row(pending.id)).status).toBe("done");
    await expect(retryJob("no-such-job", { all: true })).rejects.toMatchObject({ code: "not_found" });
  });
});
