import "server-only";
import type { InStatement, InValue, Row } from "@libsql/client";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, dbClient, type Db } from "@/db/client";
import { jobs, type Job } from "@/db/schema";
import { JOB_STATUSES, type JobStatus, PLANS, RUN_JOB_TYPES } from "@/lib/domain";
import { planNumberQuery } from "@/lib/billing/limits";
import { PLAN_LIMITS } from "@/lib/billing/plans";
import { AppError, notFoundError } from "@/lib/errors";
import { newId } from "@/lib/domain/ids";
import { backoffMs, type BackoffOptions } from "./backoff";
import { notifyJobCancelled, notifyJobsAvailable } from "./notify";

/**
 * The durable job queue on the `jobs` table. Every state change is a single
 * SQL statement (the claim one inside BEGIN IMMEDIATE), so it is atomic across
 * processes on one database - embedded file or sqld/Turso - and no statement
 * here ever holds a write lock across an `await`.
 *
 * Life of a job: pending --claim--> running --complete--> done
 *                                           --fail--> pending (backoff) | dead | failed (PermanentJobError)
 *                pending|running --cancel--> cancelled
 *                running, lease expired --reconcile--> pending | dead
 */

// RUN_JOB_TYPES (lib/domain/jobs.ts) are the only jobs held back by the per-user
// PLAN_LIMITS[plan].concurrentRuns; other jobs of a user (and every system job,
// user_id NULL) are not limited. A constant, so every process claims with the same set.

/** Defaults the worker uses; see worker.ts for why the lease is short. */
export const DEFAULT_LEASE_MS = 7_000;

const MAX_ERROR_LENGTH = 4_000;

/** Thrown by a handler when retrying cannot help: the job goes straight to "failed". */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** What identifies one claim of a job: fenced operations match all three. */
export type JobClaim = Pick<Job, "id" | "lockedBy" | "attempts">;

/** Who may see or cancel a job: its owner, or everyone (admins, system code). */
export type JobScope = { userId: string } | { all: true };

type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

// ---------------------------------------------------------------- rows

const JOB_COLUMNS =
  "id, user_id, type, payload, status, priority, attempts, max_attempts, run_at, lease_until, locked_by, last_error, result, created_at, updated_at";

function parseJson(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  return JSON.parse(String(value)) as Record<string, unknown>;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A raw `jobs` row (snake_case, JSON as text) as the Drizzle `Job` type. */
export function rowToJob(row: Row): Job {
  return {
    id: String(row.id),
    userId: str(row.user_id),
    type: String(row.type),
    payload: parseJson(row.payload) ?? {},
    status: String(row.status) as JobStatus,
    priority: Number(row.priority),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: String(row.run_at),
    leaseUntil: str(row.lease_until),
    lockedBy: str(row.locked_by),
    lastError: str(row.last_error),
    result: parseJson(row.result),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_ERROR_LENGTH ? text.slice(0, MAX_ERROR_LENGTH) + "…" : text;
}

const iso = (ms: number) => new Date(ms).toISOString();
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** BEGIN IMMEDIATE; stmt; COMMIT - in one call, so the write lock is never held across an await. */
async function writeTransaction(stmt: InStatement) {
  const [result] = await dbClient().batch([stmt], "write");
  return result!;
}

// ---------------------------------------------------------------- enqueue

const enqueueSchema = z.object({
  type: z.string().trim().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).default({}),
  userId: z.string().min(1).nullable().default(null),
  priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  runAt: z
    .union([z.date(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const d = v instanceof Date ? v : new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: "runAt is not a valid time" });
        return z.NEVER;
      }
      return d.toISOString();
    }),
  maxAttempts: z.number().int().min(1).max(100).default(3),
  id: z.string().min(1).optional(),
});

export type EnqueueInput = z.input<typeof enqueueSchema>;

function parseEnqueue(input: EnqueueInput) {
  const parsed = enqueueSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

/**
 * The INSERT for a job, not yet run: put it in a `db().batch([...])` with the
 * rows it belongs to (e.g. the agent_run), then call notifyJobsAvailable().
 */
export function buildJobInsert(input: EnqueueInput, tx: DbOrTx = db()) {
  const v = parseEnqueue(input);
  return tx
    .insert(jobs)
    .values({
      id: v.id ?? newId(),
      type: v.type,
      payload: v.payload,
      userId: v.userId,
      priority: v.priority,
      maxAttempts: v.maxAttempts,
      ...(v.runAt ? { runAt: v.runAt } : {}),
    })
    .returning();
}

/**
 * Add a job. Higher `priority` first, then earlier `runAt` (default now).
 * With `tx`, the job is inserted inside the caller's transaction and workers
 * are not woken (they would not see it yet): call notifyJobsAvailable() after
 * the commit, or let them find it on their next poll.
 */
export async function enqueue(input: EnqueueInput, options: { tx?: DbOrTx } = {}): Promise<Job> {
  if (options.tx) {
    const [job] = await buildJobInsert(input, options.tx);
    return job!;
  }
  // The hot path skips Drizzle's query building: it costs more than the INSERT itself.
  const v = parseEnqueue(input);
  const now = iso(Date.now());
  const result = await dbClient().execute({
    sql: `INSERT INTO jobs (id, user_id, type, payload, priority, max_attempts, run_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${JOB_COLUMNS}`,
    args: [v.id ?? newId(), v.userId, v.type, JSON.stringify(v.payload), v.priority, v.maxAttempts, v.runAt ?? now, now, now],
  });
  notifyJobsAvailable();
  return rowToJob(result.rows[0]!);
}

// ---------------------------------------------------------------- claim

type SqlPart = { sql: string; args: InValue[] };

/**
 * "This pending job may start now": due, of a type the worker handles, and -
 * for run jobs of a user - that user has fewer running run jobs than their
 * plan allows. The limit is read from users.plan inside the statement, so it
 * holds across every process on the database.
 */
function claimable(nowIso: string, types?: readonly string[]): SqlPart {
  const args: InValue[] = [nowIso];
  let sql = "j.status = 'pending' AND j.run_at <= ?";
  if (types) {
    sql += ` AND j.type IN (${placeholders(types.length)})`;
    args.push(...types);
  }
  if (RUN_JOB_TYPES.length > 0) {
    const runTypes = placeholders(RUN_JOB_TYPES.length);
    // A job whose owner is gone (or on an unknown plan) gets the smallest plan's limit.
    const minLimit = Math.min(...PLANS.map((p) => PLAN_LIMITS[p].concurrentRuns));
    const limit = planNumberQuery("concurrentRuns", "u.plan", minLimit);
    sql += ` AND (j.user_id IS NULL OR j.type NOT IN (${runTypes}) OR (
        SELECT count(*) FROM jobs r
        WHERE r.user_id = j.user_id AND r.status = 'running' AND r.type IN (${runTypes})
      ) < coalesce((SELECT ${limit.sql} FROM users u WHERE u.id = j.user_id), ?))`;
    args.push(...RUN_JOB_TYPES, ...RUN_JOB_TYPES, ...limit.args, minLimit);
  }
  return { sql, args };
}

export type ClaimOptions = {
  /** Who is claiming; stored in locked_by and required by every fenced call. */
  workerId: string;
  leaseMs?: number;
  /** Only claim these job types (the ones this worker has handlers for). */
  types?: readonly string[];
  now?: Date;
};

/**
 * Atomically take the next job: highest priority, then earliest run_at, then
 * oldest id; sets running, locked_by, lease_until and attempts+1. One UPDATE
 * ... WHERE id = (SELECT ...) RETURNING inside BEGIN IMMEDIATE, so two workers
 * - in any processes - never get the same job. Null when nothing is claimable.
 */
export async function claimJob(options: ClaimOptions): Promise<Job | null> {
  if (options.types && options.types.length === 0) return null;
  const now = (options.now ?? new Date()).getTime();
  const nowIso = iso(now);
  const where = claimable(nowIso, options.types);
  const result = await writeTransaction({
    sql: `UPDATE jobs SET status = 'running', locked_by = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
      WHERE status = 'pending' AND id = (
        SELECT j.id FROM jobs j WHERE ${where.sql}
        ORDER BY j.priority DESC, j.run_at, j.id LIMIT 1
      )
      RETURNING ${JOB_COLUMNS}`,
    args: [options.workerId, iso(now + (options.leaseMs ?? DEFAULT_LEASE_MS)), nowIso, ...where.args],
  });
  const row = result.rows[0];
  return row ? rowToJob(row) : null;
}

/** A cheap read: is any job claimable now? Lets idle pollers skip the write lock. */
export async function hasClaimableJob(options: Pick<ClaimOptions, "types" | "now"> = {}): Promise<boolean> {
  if (options.types && options.types.length === 0) return false;
  const where = claimable(iso((options.now ?? new Date()).getTime()), options.types);
  const result = await dbClient().execute({ sql: `SELECT 1 FROM jobs j WHERE ${where.sql} LIMIT 1`, args: where.args });
  return result.rows.length > 0;
}

// ---------------------------------------------------------------- fenced updates

const FENCE = "id = ? AND locked_by = ? AND attempts = ? AND status = 'running'";
const fenceArgs = (c: JobClaim): InValue[] => [c.id, c.lockedBy, c.attempts];

/** Extend the lease of one claim. False when the job is no longer ours (cancelled, finished, taken over). */
export async function heartbeatJob(claim: JobClaim, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const now = Date.now();
  const result = await dbClient().execute({
    sql: `UPDATE jobs SET lease_until = ?, updated_at = ? WHERE ${FENCE}`,
    args: [iso(now + leaseMs), iso(now), ...fenceArgs(claim)],
  });
  return result.rowsAffected > 0;
}

/**
 * Extend the leases of many claims in one statement (a worker's timer).
 * Returns the ids still held; the others were cancelled or taken over.
 */
export async function renewLeases(claims: readonly JobClaim[], leaseMs = DEFAULT_LEASE_MS): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const now = Date.now();
  const result = await dbClient().execute({
    sql: `UPDATE jobs SET lease_until = ?, updated_at = ?
      WHERE id IN (${placeholders(claims.length)}) AND status = 'running'
        AND (id, locked_by, attempts) IN (VALUES ${claims.map(() => "(?, ?, ?)").join(", ")})
      RETURNING id`,
    args: [iso(now + leaseMs), iso(now), ...claims.map((c) => c.id), ...claims.flatMap(fenceArgs)],
  });
  return new Set(result.rows.map((r) => String(r.id)));
}

/** Mark a claim done with its result. False (and nothing changed) when the job is no longer ours. */
export async function completeJob(claim: JobClaim, result: Record<string, unknown> | null = null): Promise<boolean> {
  const res = await dbClient().execute({
    sql: `UPDATE jobs SET status = 'done', result = ?, lease_until = NULL, updated_at = ? WHERE ${FENCE}`,
    args: [result === null ? null : JSON.stringify(result), iso(Date.now()), ...fenceArgs(claim)],
  });
  return res.rowsAffected > 0;
}

export type FailOptions = {
  /** No retry: status "failed". Implied by a PermanentJobError. */
  permanent?: boolean;
  backoff?: BackoffOptions;
  /** Retry after exactly this delay instead of the backoff (0 = now). */
  retryDelayMs?: number;
};

export type FailOutcome = { status: "pending" | "dead" | "failed"; runAt: string; job: Job };

/**
 * Record a failed attempt of a claim: back to pending after an exponential
 * backoff with full jitter while attempts < max_attempts, else "dead"; or
 * "failed" at once for a PermanentJobError. Null when the job is no longer
 * ours (nothing changed).
 */
export async function failJob(claim: JobClaim, error: unknown, options: FailOptions = {}): Promise<FailOutcome | null> {
  const now = Date.now();
  const permanent = options.permanent ?? error instanceof PermanentJobError;
  const delay = options.retryDelayMs ?? backoffMs(claim.attempts, options.backoff);
  const retryAt = iso(now + delay);
  const res = await dbClient().execute({
    sql: `UPDATE jobs SET
        status = CASE WHEN ? THEN 'failed' WHEN attempts < max_attempts THEN 'pending' ELSE 'dead' END,
        run_at = CASE WHEN NOT ? AND attempts < max_attempts THEN ? ELSE run_at END,
        locked_by = CASE WHEN NOT ? AND attempts < max_attempts THEN NULL ELSE locked_by END,
        lease_until = NULL, last_error = ?, updated_at = ?
      WHERE ${FENCE}
      RETURNING ${JOB_COLUMNS}`,
    args: [permanent ? 1 : 0, permanent ? 1 : 0, retryAt, permanent ? 1 : 0, errorText(error), iso(now), ...fenceArgs(claim)],
  });
  const row = res.rows[0];
  if (!row) return null;
  const job = rowToJob(row);
  return { status: job.status as FailOutcome["status"], runAt: job.runAt, job };
}

export const INTERRUPTED_ERROR = "interrupted: worker stopped";

/**
 * Jobs whose worker died (status running, lease expired) go back to pending
 * when they have attempts left, else to dead with "interrupted: worker
 * stopped". Returns the jobs it changed, with their new status, so the caller
 * can mark the domain rows (e.g. fail the agent run). Safe to run from every
 * worker at once: each row is changed by exactly one of them.
 */
export async function reconcileExpiredLeases(options: { types?: readonly string[]; now?: Date } = {}): Promise<Job[]> {
  if (options.types && options.types.length === 0) return [];
  const nowIso = iso((options.now ?? new Date()).getTime());
  const typeFilter = options.types ? ` AND type IN (${placeholders(options.types.length)})` : "";
  const result = await writeTransaction({
    sql: `UPDATE jobs SET
        status = CASE WHEN attempts < max_attempts THEN 'pending' ELSE 'dead' END,
        run_at = CASE WHEN attempts < max_attempts THEN ? ELSE run_at END,
        locked_by = NULL, lease_until = NULL, last_error = ?, updated_at = ?
      WHERE status = 'running' AND lease_until < ?${typeFilter}
      RETURNING ${JOB_COLUMNS}`,
    args: [nowIso, INTERRUPTED_ERROR, nowIso, nowIso, ...(options.types ?? [])],
  });
  return result.rows.map(rowToJob);
}

/** A cheap read: is any lease expired? Lets the sweeper skip the write lock. */
export async function hasExpiredLeases(options: { types?: readonly string[]; now?: Date } = {}): Promise<boolean> {
  if (options.types && options.types.length === 0) return false;
  const typeFilter = options.types ? ` AND type IN (${placeholders(options.types.length)})` : "";
  const result = await dbClient().execute({
    sql: `SELECT 1 FROM jobs WHERE lease_until < ? AND status = 'running'${typeFilter} LIMIT 1`,
    args: [iso((options.now ?? new Date()).getTime()), ...(options.types ?? [])],
  });
  return result.rows.length > 0;
}

// ---------------------------------------------------------------- read, cancel

function scopeFilter(scope: JobScope) {
  return "userId" in scope ? eq(jobs.userId, scope.userId) : undefined;
}

/** One job, if the scope may see it; another user's job is not_found. */
export async function getJob(id: string, scope: JobScope): Promise<Job> {
  const [job] = await db()
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), scopeFilter(scope)))
    .limit(1);
  if (!job) throw notFoundError("job");
  return job;
}

/**
 * Cancel a pending or running job. Pending: it will never start. Running: the
 * worker holding it loses it - at once in this process, on its next heartbeat
 * (<= a few seconds) elsewhere - and aborts the handler's signal; its later
 * complete/fail calls change nothing. A job that already finished is returned
 * unchanged. Another user's job is not_found.
 */
export async function cancelJob(id: string, scope: JobScope): Promise<Job> {
  const now = iso(Date.now());
  const ownerFilter = "userId" in scope ? " AND user_id = ?" : "";
  const result = await dbClient().execute({
    sql: `UPDATE jobs SET status = 'cancelled', lease_until = NULL, updated_at = ?
      WHERE id = ? AND status IN ('pending', 'running')${ownerFilter}
      RETURNING ${JOB_COLUMNS}`,
    args: [now, id, ...("userId" in scope ? [scope.userId] : [])],
  });
  const row = result.rows[0];
  if (!row) return getJob(id, scope);
  notifyJobCancelled(id);
  return rowToJob(row);
}

/** Statuses a job can be retried from (by an admin, or the owner's own code). */
export const RETRYABLE_JOB_STATUSES: readonly JobStatus[] = ["dead", "failed", "cancelled"];

/**
 * Put a dead, failed or cancelled job back in the queue: pending, attempts
 * reset to 0, due now, no lease. One UPDATE, so a job is never retried twice
 * at once. Another user's job is not_found; a job in any other status is
 * refused with a conflict.
 */
export async function retryJob(id: string, scope: JobScope): Promise<Job> {
  const now = iso(Date.now());
  const ownerFilter = "userId" in scope ? " AND user_id = ?" : "";
  const result = await dbClient().execute({
    sql: `UPDATE jobs SET status = 'pending', attempts = 0, run_at = ?, lease_until = NULL, locked_by = NULL, updated_at = ?
      WHERE id = ? AND status IN (${placeholders(RETRYABLE_JOB_STATUSES.length)})${ownerFilter}
      RETURNING ${JOB_COLUMNS}`,
    args: [now, now, id, ...RETRYABLE_JOB_STATUSES, ...("userId" in scope ? [scope.userId] : [])],
  });
  const row = result.rows[0];
  if (!row) {
    const job = await getJob(id, scope);
    throw new AppError("conflict", `A ${job.status} job cannot be retried.`);
  }
  notifyJobsAvailable();
  return rowToJob(row);
}

/** Which of these jobs are cancelled (a worker that lost a job tells its handler why). */
export async function cancelledAmong(ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await dbClient().execute({
    sql: `SELECT id FROM jobs WHERE status = 'cancelled' AND id IN (${placeholders(ids.length)})`,
    args: [...ids],
  });
  return new Set(result.rows.map((r) => String(r.id)));
}

/** Statuses after which a job never changes again. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((s) => s !== "pending" && s !== "running");
