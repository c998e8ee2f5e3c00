import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { config } from "@/lib/config";
import type { BackoffOptions } from "./backoff";
import { onJobCancelled, onJobsAvailable } from "./notify";
import {
  cancelledAmong,
  claimJob,
  completeJob,
  DEFAULT_LEASE_MS,
  failJob,
  hasClaimableJob,
  hasExpiredLeases,
  heartbeatJob,
  INTERRUPTED_ERROR,
  PermanentJobError,
  reconcileExpiredLeases,
  renewLeases,
} from "./queue";
import { definitionOf, JobAbortedError, type Job, type JobAbortReason, type JobDefinition, type JobHandlers } from "./types";

export type Logger = Pick<Console, "info" | "warn" | "error">;

export type WorkerOptions = {
  /** Stored in jobs.locked_by. Default: host:pid:random. */
  id?: string;
  /** Job type -> handler; the worker only claims these types. */
  handlers: JobHandlers;
  /** Jobs run at once by this worker (per-user plan limits apply on top). Default 8. */
  concurrency?: number;
  /** How often an idle worker looks for work other processes enqueued. Default 250 ms. */
  pollMs?: number;
  /**
   * Lease length. Default 7 s, renewed every leaseMs/4 (1.75 s), with expired
   * leases swept every second by every worker: a crashed worker's jobs are
   * back within ~8 s of the crash, so within 10 s of any restart. A renewal
   * can stall for SQLite's 5 s busy timeout and still arrive in time.
   */
  leaseMs?: number;
  heartbeatMs?: number;
  sweepMs?: number;
  /** Delay after a database error (e.g. SQLITE_BUSY) before trying again. Default 200 ms. */
  errorDelayMs?: number;
  backoff?: BackoffOptions;
  logger?: Logger;
  /**
   * Whether the worker's timers keep the process alive. True for `npm run
   * worker`; the inline worker passes false so it never holds a process open
   * (a web server has its own handles; a build or a script does not need us).
   */
  keepAlive?: boolean;
};

export type StopOptions = {
  /** Let running jobs finish for this long before aborting them. Default 5 s. */
  drainMs?: number;
  /** After aborting, wait this long for handlers to settle before releasing their jobs. Default 2 s. */
  abortGraceMs?: number;
};

export type Worker = {
  readonly id: string;
  /** Jobs this worker is running right now. */
  readonly active: number;
  /**
   * Stop claiming, let running jobs drain, then abort the rest (reason
   * "shutdown") and hand them back: pending when attempts are left, else dead.
   */
  stop(options?: StopOptions): Promise<void>;
};

type Running = {
  job: Job;
  controller: AbortController;
  done: Promise<void>;
  /** Set when stop() already handed the job back: the handler's outcome no longer matters. */
  released: boolean;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}

/** Retry a database write a few times: a lost completion would make the job run again. */
async function persist<T>(what: string, logger: Logger, fn: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 5) {
        logger.error(`[queue] ${what} failed, giving up (the lease will expire and the job be reconciled):`, error);
        return undefined;
      }
      logger.warn(`[queue] ${what} failed (attempt ${attempt}), retrying:`, error);
      await sleep(100 * attempt);
    }
  }
}

class QueueWorker implements Worker {
  readonly id: string;
  private readonly definitions: Map<string, JobDefinition>;
  private readonly types: string[];
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly errorDelayMs: number;
  private readonly backoff?: BackoffOptions;
  private readonly logger: Logger;
  private readonly keepAlive: boolean;

  private readonly running = new Map<string, Running>();
  private stopping = false;
  private stopped?: Promise<void>;
  /** Something may be claimable: claim without the read pre-check. */
  private dirty = true;
  private wakeUp: (() => void) | null = null;
  private readonly loopDone: Promise<void>;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private sweeping = false;
  private renewing = false;

  constructor(options: WorkerOptions) {
    this.id = options.id ?? defaultWorkerId();
    this.definitions = new Map(Object.entries(options.handlers).map(([type, h]) => [type, definitionOf(h)]));
    this.types = [...this.definitions.keys()];
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.pollMs = options.pollMs ?? 250;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.errorDelayMs = options.errorDelayMs ?? 200;
    this.backoff = options.backoff;
    this.logger = options.logger ?? console;
    this.keepAlive = options.keepAlive ?? true;

    this.unsubscribe.push(onJobsAvailable(() => this.wake()));
    this.unsubscribe.push(onJobCancelled((jobId) => this.running.get(jobId)?.controller.abort(new JobAbortedError("cancelled"))));
    this.timers.push(this.hold(setInterval(() => void this.renew(), options.heartbeatMs ?? Math.floor(this.leaseMs / 4))));
    this.timers.push(this.hold(setInterval(() => void this.sweep(), options.sweepMs ?? 1_000)));
    this.loopDone = this.loop();
  }

  get active() {
    return this.running.size;
  }

  private hold(timer: NodeJS.Timeout): NodeJS.Timeout {
    if (!this.keepAlive) timer.unref();
    return timer;
  }

  private wake() {
    this.dirty = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  /** Sleep until woken (enqueue in this process, a job finished, stop) or `ms` passed. */
  private waitForWake(ms?: number): Promise<void> {
    if (this.dirty || this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : this.hold(setTimeout(() => done(), ms));
      const done = () => {
        if (timer) clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private async loop() {
    await this.sweep(true);
    while (!this.stopping) {
      if (this.running.size >= this.concurrency) {
        this.dirty = false;
        await this.waitForWake(); // a finishing job wakes us
        continue;
      }
      const woken = this.dirty;
      this.dirty = false;
      let job: Job | null = null;
      try {
        // Polls first ask with a read, so idle workers do not queue up for the write lock.
        if (woken || (await hasClaimableJob({ types: this.types }))) {
          job = await claimJob({ workerId: this.id, leaseMs: this.leaseMs, types: this.types });
        }
      } catch (error) {
        this.logger.error("[queue] claim failed, retrying shortly:", error);
        await sleep(this.errorDelayMs);
        this.dirty = true;
        continue;
      }
      if (this.stopping && job) {
        // Claimed while stop() began: hand it straight back, it never started.
        await persist("releasing a job", this.logger, () => failJob(job!, INTERRUPTED_ERROR, { retryDelayMs: 0 }));
        break;
      }
      if (job) {
        this.start(job);
        this.dirty = true; // there may be more
        continue;
      }
      await this.waitForWake(this.pollMs);
    }
  }

  private start(job: Job) {
    const entry: Running = { job, controller: new AbortController(), done: Promise.resolve(), released: false };
    this.running.set(job.id, entry);
    entry.done = this.execute(entry).finally(() => {
      if (this.running.get(job.id) === entry) this.running.delete(job.id);
      this.wake();
    });
  }

  private async execute(entry: Running) {
    const { job, controller } = entry;
    const definition = this.definitions.get(job.type);
    let outcome: { ok: true; result: Record<string, unknown> | null } | { ok: false; error: unknown };
    try {
      if (!definition) throw new PermanentJobError(`No handler for job type "${job.type}".`);
      const heartbeat = async () => {
        const held = await heartbeatJob(job, this.leaseMs);
        if (!held) await this.lost([entry]);
        return held;
      };
      const result = await definition.run({ job, signal: controller.signal, heartbeat });
      outcome = { ok: true, result: result ?? null };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (entry.released) return;

    if (outcome.ok) {
      const saved = await persist(`completing job ${job.id}`, this.logger, () => completeJob(job, outcome.result));
      if (saved === false && !controller.signal.aborted) this.logger.warn(`[queue] job ${job.id} finished but was no longer ours`);
      return;
    }
    const reason = abortReason(controller.signal);
    if (reason === "shutdown") {
      const released = await persist(`releasing job ${job.id}`, this.logger, () =>
        failJob(job, INTERRUPTED_ERROR, { retryDelayMs: 0 }),
      );
      if (released) await this.interrupted(released.job);
      return;
    }
    if (reason) return; // cancelled or taken over: the row is not ours to change (and the fenced update would no-op)
    const failed = await persist(`recording failure of job ${job.id}`, this.logger, () =>
      failJob(job, outcome.error, { backoff: this.backoff }),
    );
    if (failed && failed.status !== "pending") {
      this.logger.warn(`[queue] job ${job.id} (${job.type}) ${failed.status}: ${failed.job.lastError}`);
    }
  }

  /** Jobs we no longer hold: abort their handlers with the right reason. */
  private async lost(entries: Running[]) {
    let cancelled = new Set<string>();
    try {
      cancelled = await cancelledAmong(entries.map((e) => e.job.id));
    } catch {
      // the reason is only informative
    }
    for (const entry of entries) {
      if (entry.controller.signal.aborted) continue;
      entry.controller.abort(new JobAbortedError(cancelled.has(entry.job.id) ? "cancelled" : "lease_lost"));
    }
  }

  private async renew() {
    if (this.renewing || this.running.size === 0) return;
    this.renewing = true;
    try {
      const entries = [...this.running.values()].filter((e) => !e.controller.signal.aborted && !e.released);
      const held = await renewLeases(
        entries.map((e) => e.job),
        this.leaseMs,
      );
      const gone = entries.filter((e) => !held.has(e.job.id) && this.running.get(e.job.id) === e);
      if (gone.length > 0) await this.lost(gone);
    } catch (error) {
      // Keep the job: the next renewal may succeed well before the lease runs out.
      this.logger.warn("[queue] lease renewal failed:", error);
    } finally {
      this.renewing = false;
    }
  }

  /** Hand jobs of dead workers back (or bury them); always at start, then whenever a lease has expired. */
  private async sweep(force = false) {
    if (this.sweeping || (this.stopping && !force)) return;
    this.sweeping = true;
    try {
      if (!force && !(await hasExpiredLeases({ types: this.types }))) return;
      const jobs = await reconcileExpiredLeases({ types: this.types });
      for (const job of jobs) {
        this.logger.warn(`[queue] job ${job.id} (${job.type}) lost its worker; now ${job.status}`);
        await this.interrupted(job);
      }
      if (jobs.some((j) => j.status === "pending")) this.wake();
    } catch (error) {
      this.logger.error("[queue] reconciling expired leases failed:", error);
    } finally {
      this.sweeping = false;
    }
  }

  private async interrupted(job: Job) {
    const hook = this.definitions.get(job.type)?.onInterrupted;
    if (!hook) return;
    try {
      await hook(job);
    } catch (error) {
      this.logger.error(`[queue] onInterrupted for job ${job.id} failed:`, error);
    }
  }

  stop(options: StopOptions = {}): Promise<void> {
    this.stopped ??= this.shutdown(options);
    return this.stopped;
  }

  private async shutdown({ drainMs = 5_000, abortGraceMs = 2_000 }: StopOptions) {
    this.stopping = true;
    this.wake();
    await this.loopDone;
    const settled = () => Promise.allSettled([...this.running.values()].map((e) => e.done));

    if (this.running.size > 0) await Promise.race([settled(), sleep(drainMs)]);
    if (this.running.size > 0) {
      for (const entry of this.running.values()) entry.controller.abort(new JobAbortedError("shutdown"));
      await Promise.race([settled(), sleep(abortGraceMs)]);
    }
    // Handlers that ignore their signal: give their jobs back now rather than when the lease runs out.
    for (const entry of [...this.running.values()]) {
      entry.released = true;
      this.running.delete(entry.job.id);
      const released = await persist(`releasing job ${entry.job.id}`, this.logger, () =>
        failJob(entry.job, INTERRUPTED_ERROR, { retryDelayMs: 0 }),
      );
      if (released) await this.interrupted(released.job);
    }
    for (const timer of this.timers) clearInterval(timer);
    for (const off of this.unsubscribe) off();
    while (this.sweeping || this.renewing) await sleep(10);
  }
}

function abortReason(signal: AbortSignal): JobAbortReason | null {
  if (!signal.aborted) return null;
  return signal.reason instanceof JobAbortedError ? signal.reason.reason : "shutdown";
}

/** Start a worker in this process. Call `stop()` before the process exits. */
export function startWorker(options: WorkerOptions): Worker {
  return new QueueWorker(options);
}

const g = globalThis as unknown as { __switchboardInlineWorker?: Worker };

/**
 * The worker inside the web server (WORKER=inline, the default): one per
 * process however often it is called. Null when WORKER=off (a separate
 * `npm run worker` does the work).
 */
export function startInlineWorker(handlers: JobHandlers): Worker | null {
  if (config().worker !== "inline") return null;
  g.__switchboardInlineWorker ??= startWorker({ handlers, keepAlive: false });
  return g.__switchboardInlineWorker;
}

export async function stopInlineWorker(options?: StopOptions): Promise<void> {
  const worker = g.__switchboardInlineWorker;
  g.__switchboardInlineWorker = undefined;
  await worker?.stop(options);
}
