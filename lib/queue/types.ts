import type { Job } from "@/db/schema";

export type { Job } from "@/db/schema";
export type { JobStatus } from "@/lib/domain";

/** Why the worker aborted a handler's signal (`signal.reason` is a JobAbortedError carrying it). */
export type JobAbortReason = "cancelled" | "lease_lost" | "shutdown";

export class JobAbortedError extends Error {
  constructor(public readonly reason: JobAbortReason) {
    super(
      reason === "cancelled"
        ? "The job was cancelled."
        : reason === "lease_lost"
          ? "The worker lost this job's lease; another worker may run it."
          : "The worker is shutting down.",
    );
    this.name = "JobAbortedError";
  }
}

/** What a handler gets: its job, a signal aborted on cancel / lost lease / shutdown, and a manual lease renewal. */
export type JobContext = {
  job: Job;
  signal: AbortSignal;
  /**
   * Renew this job's lease now (the worker also renews it on an interval).
   * Resolves false when the job is no longer ours (cancelled or taken over);
   * the signal is aborted at the same moment.
   */
  heartbeat: () => Promise<boolean>;
};

/** Resolve with the job's result (stored as JSON) or throw; throw PermanentJobError to skip retries. */
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | void>;

export type JobDefinition = {
  run: JobHandler;
  /**
   * Called once the queue has given up on an attempt that did not end by itself:
   * the worker holding it died (lease expired, found by reconcile) or stopped
   * with the job still running. `job.status` is the new status: "pending"
   * (it will run again) or "dead" (out of attempts; `job.lastError` says why).
   * Use it to mark the domain row (e.g. an agent run) interrupted or failed.
   */
  onInterrupted?: (job: Job) => Promise<void> | void;
};

/** Job type -> handler. Only these types are claimed by a worker given this registry. */
export type JobHandlers = Record<string, JobHandler | JobDefinition>;

export function definitionOf(handler: JobHandler | JobDefinition): JobDefinition {
  return typeof handler === "function" ? { run: handler } : handler;
}
