import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { newId } from "@/lib/domain/ids";
import { notifyJobsAvailable } from "./notify";
import type { JobDefinition } from "./types";

/**
 * Housekeeping jobs that run every `intervalMs` across all processes (log
 * retention, worktree cleanup): one chain per type, however many web and
 * worker processes start it. Each run re-enqueues the next one.
 */
export type RecurringJob = {
  type: string;
  intervalMs: number;
  /** The work of one round; its result is stored on the job. */
  run: () => Promise<Record<string, unknown>>;
};

/**
 * Enqueue a `type` job at `runAt` unless one is already pending or running
 * (other than `exceptJobId`, the job doing the re-enqueueing), decided in one
 * statement so two processes never start two chains. Returns whether one was added.
 */
async function enqueueOnce(type: string, runAt: Date, exceptJobId: string | null = null): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db().run(sql`
    INSERT INTO ${jobs} (id, user_id, type, payload, priority, max_attempts, run_at, created_at, updated_at)
    SELECT ${newId()}, NULL, ${type}, '{}', 0, 3, ${runAt.toISOString()}, ${now}, ${now}
    WHERE NOT EXISTS (
      SELECT 1 FROM ${jobs}
      WHERE ${jobs.type} = ${type} AND ${jobs.status} IN ('pending', 'running')
        AND ${jobs.id} IS NOT ${exceptJobId}
    )`);
  if (result.rowsAffected > 0) notifyJobsAvailable();
  return result.rowsAffected > 0;
}

/** Start the chain (at server and worker start): safe from every process, any number of times. */
export function scheduleRecurring(job: RecurringJob, runAt: Date = new Date()): Promise<boolean> {
  return enqueueOnce(job.type, runAt);
}

/** The handler for lib/server/job-handlers.ts: do the round, then schedule the next one. */
export function recurringJobDefinition(job: RecurringJob): JobDefinition {
  const next = (exceptJobId: string) => enqueueOnce(job.type, new Date(Date.now() + job.intervalMs), exceptJobId);
  return {
    run: async ({ job: current }) => ({ ...(await job.run()), nextScheduled: await next(current.id) }),
    // Out of attempts (or its worker died for good): keep the chain alive for the next round.
    onInterrupted: async (current) => {
      if (current.status === "dead") await next(current.id);
    },
  };
}
