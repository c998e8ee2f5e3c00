import { beforeAll, describe, expect, it } from "vitest";
import { claimJob, enqueue, failJob } from "@/lib/queue/queue";
import type { PublicUser } from "@/lib/users/columns";
import { createUser } from "@/lib/users/users";
import { adminCancelJob, adminRetryJob, listJobs, listJobTypes } from "./jobs";

let admin: PublicUser;
let bob: PublicUser;

beforeAll(async () => {
  admin = (await createUser({ email: "jobs-admin@example.com" }))!;
  bob = (await createUser({ email: "jobs-bob@example.com" }))!;
});

describe("admin jobs", () => {
  it("lists every user's jobs with the owner's email, filters, pages, retries and cancels", async () => {
    const system = await enqueue({ type: "sweep" });
    const mine = await enqueue({ type: "run_agent", userId: bob.id, maxAttempts: 1 });
    const other = await enqueue({ type: "run_agent", userId: admin.id, runAt: new Date(Date.now() + 3_600_000) });

    const all = await listJobs(admin);
    expect(all.data.map((j) => j.id)).toEqual([other.id, mine.id, system.id]);
    expect(all.data[1]).toMatchObject({ ownerEmail: "jobs-bob@example.com", attempts: 0, maxAttempts: 1, status: "pending" });
    expect(all.data[2]).toMatchObject({ userId: null, ownerEmail: null });

    expect((await listJobs(admin, { type: "sweep" })).data.map((j) => j.id)).toEqual([system.id]);
    expect(await listJobTypes(admin)).toEqual(["run_agent", "sweep"]);

    // "sweep" is older and claimed first only by type; claim bob's run job by type.
    const claim = (await claimJob({ workerId: "w", types: ["run_agent"] }))!;
    expect(claim.id).toBe(mine.id);
    await failJob(claim, new Error("boom"));
    const dead = await listJobs(admin, { status: "dead" });
    expect(dead.data).toEqual([expect.objectContaining({ id: mine.id, lastError: "boom", attempts: 1 })]);

    // A run's job is retried as a new run from its page, never re-queued alone.
    await expect(adminRetryJob(admin, mine.id)).rejects.toMatchObject({ code: "conflict", text: { key: "admin.jobs.error.runJob" } });
    expect((await adminCancelJob(admin, system.id)).status).toBe("cancelled");
    expect(await adminRetryJob(admin, system.id)).toMatchObject({ status: "pending", attempts: 0 });
    await expect(adminRetryJob(admin, system.id)).rejects.toMatchObject({ code: "conflict" });
    expect((await adminCancelJob(admin, system.id)).status).toBe("cancelled");
    expect((await listJobs(admin, { status: "cancelled", type: "sweep" })).data.map((j) => j.id)).toEqual([system.id]);

    const first = await listJobs(admin, { limit: 2 });
    const second = await listJobs(admin, { limit: 2, cursor: first.nextCursor! });
    expect(second.data.map((j) => j.id)).toEqual([system.id]);
    expect(second.prev).toEqual({ cursor: null });
  });

  it("is not_found for a non-admin", async () => {
    const job = await enqueue({ type: "t", userId: bob.id });
    await expect(listJobs(bob)).rejects.toMatchObject({ code: "not_found" });
    await expect(listJobTypes(bob)).rejects.toMatchObject({ code: "not_found" });
    await expect(adminCancelJob(bob, job.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(adminRetryJob(bob, job.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
