import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, users } from "@/db/schema";
import { type JobStatus, RUN_JOB_TYPES } from "@/lib/domain";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { cancelJob, getJob, retryJob } from "@/lib/queue/queue";
import { keyset } from "@/db/keyset";
import { clampLimit, previousPage } from "./pagination";

/** Every user's jobs (and system jobs) newest first, optionally of one status and one type. */
export async function listJobs(actor: Actor, opts: { status?: JobStatus; type?: string; cursor?: string; limit?: number } = {}) {
  await assertAdmin(actor);
  const limit = clampLimit(opts.limit);
  const filter = and(opts.status ? eq(jobs.status, opts.status) : undefined, opts.type ? eq(jobs.type, opts.type) : undefined);
  const page = keyset(jobs.id, { limit, cursor: opts.cursor });
  const [rows, prev] = await Promise.all([
    db()
      .select({
        id: jobs.id,
        type: jobs.type,
        status: jobs.status,
        userId: jobs.userId,
        ownerEmail: users.email,
        attempts: jobs.attempts,
        maxAttempts: jobs.maxAttempts,
        runAt: jobs.runAt,
        lastError: jobs.lastError,
        createdAt: jobs.createdAt,
      })
      .from(jobs)
      .leftJoin(users, eq(users.id, jobs.userId))
      .where(and(filter, page.where))
      .orderBy(page.orderBy)
      .limit(page.fetch),
    previousPage(jobs, jobs.id, filter, opts.cursor, limit),
  ]);
  return { ...page.of(rows), prev };
}

export type AdminJobRow = Awaited<ReturnType<typeof listJobs>>["data"][number];

/** The job types in the queue, for the type filter. */
export async function listJobTypes(actor: Actor): Promise<string[]> {
  await assertAdmin(actor);
  const rows = await db().selectDistinct({ type: jobs.type }).from(jobs).orderBy(asc(jobs.type));
  return rows.map((r) => r.type);
}

/** Retry any user's dead, failed or cancelled job (conflict for other statuses). */
export async function adminRetryJob(actor: Actor, id: string) {
  await assertAdmin(actor);
  // A run's job only works a queued run: re-queueing it alone would do nothing. Runs retry as new runs.
  const job = await getJob(id, { all: true });
  if (RUN_JOB_TYPES.includes(job.type)) throw new LocalizedError("conflict", { key: "admin.jobs.error.runJob" });
  return retryJob(id, { all: true });
}

/** Cancel any user's pending or running job; a finished job comes back unchanged. */
export async function adminCancelJob(actor: Actor, id: string) {
  await assertAdmin(actor);
  return cancelJob(id, { all: true });
}
