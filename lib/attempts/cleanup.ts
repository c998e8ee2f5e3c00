import "server-only";
import path from "node:path";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, projects, tasks, taskAttempts } from "@/db/schema";
import { config } from "@/lib/config";
import { cleanupWorktrees } from "@/lib/git/worktrees";
import { newId, nowIso } from "@/lib/ids";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import type { JobDefinition } from "@/lib/queue/types";

/**
 * The cleanup_worktrees job: removes worktrees of finished attempts older than
 * WORKTREE_TTL_HOURS (config().worktreeTtlMs) when their branch is merged, or
 * when the attempt was discarded; unmerged work is always kept. It re-enqueues
 * itself hourly; scheduleWorktreeCleanup() starts the chain at server and
 * worker start (one pending job across all processes).
 */

export const CLEANUP_WORKTREES_JOB = "cleanup_worktrees";
export const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

export async function cleanupAttemptWorktrees(options: { now?: number; olderThanMs?: number } = {}) {
  const rows = await db()
    .select({
      id: taskAttempts.id,
      branch: taskAttempts.branch,
      status: taskAttempts.status,
      baseBranch: taskAttempts.baseBranch,
      discardedAt: taskAttempts.discardedAt,
      updatedAt: taskAttempts.updatedAt,
      projectId: projects.id,
      projectPath: projects.path,
    })
    .from(taskAttempts)
    .innerJoin(tasks, eq(tasks.id, taskAttempts.taskId))
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .where(and(isNotNull(taskAttempts.worktreePath), isNull(taskAttempts.worktreeCleanedAt)));
  // cleanupWorktrees judges "merged" against one base branch: one call per project and base branch.
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.baseBranch) continue;
    const key = `${r.projectId}\0${r.baseBranch}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }

  let removed = 0;
  const errors: string[] = [];
  for (const attempts of groups.values()) {
    const { projectId, baseBranch } = attempts[0]!;
    if (!baseBranch) continue;
    const byBranch = new Map(attempts.map((a) => [a.branch, a]));
    try {
      const result = await cleanupWorktrees({
        repo: attempts[0]!.projectPath,
        worktreesRoot: path.join(config().worktreesDir, projectId),
        baseBranch,
        olderThanMs: options.olderThanMs ?? config().worktreeTtlMs,
        now: options.now,
        // Branches of other groups (or unknown to us) are judged in their own call, or never.
        keep: (b) => {
          const a = byBranch.get(b);
          return !a || a.status === "queued" || a.status === "running";
        },
        discarded: (b) => !!byBranch.get(b)?.discardedAt,
        finishedAt: (b) => {
          const a = byBranch.get(b);
          return a ? new Date(a.updatedAt) : undefined;
        },
      });
      const ids = result.removed.map((r) => byBranch.get(r.branch)?.id).filter((id): id is string => !!id);
      if (ids.length) await db().update(taskAttempts).set({ worktreeCleanedAt: nowIso() }).where(inArray(taskAttempts.id, ids));
      removed += ids.length;
    } catch (error) {
      // One broken project (folder moved, not a repository any more) must not stop the others.
      errors.push(`${projectId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { removed, errors };
}

/** Enqueue a cleanup job at `runAt` unless one is pending or running (other than `exceptJobId`); one statement. */
async function enqueueCleanupJob(runAt: Date, exceptJobId: string | null = null): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db().run(sql`
    INSERT INTO ${jobs} (id, user_id, type, payload, priority, max_attempts, run_at, created_at, updated_at)
    SELECT ${newId()}, NULL, ${CLEANUP_WORKTREES_JOB}, '{}', 0, 3, ${runAt.toISOString()}, ${now}, ${now}
    WHERE NOT EXISTS (
      SELECT 1 FROM ${jobs}
      WHERE ${jobs.type} = ${CLEANUP_WORKTREES_JOB} AND ${jobs.status} IN ('pending', 'running')
        AND ${jobs.id} IS NOT ${exceptJobId}
    )`);
  if (result.rowsAffected > 0) notifyJobsAvailable();
  return result.rowsAffected > 0;
}

/** Start the hourly cleanup chain; safe from every process, any number of times. */
export function scheduleWorktreeCleanup(runAt: Date = new Date()): Promise<boolean> {
  return enqueueCleanupJob(runAt);
}

export const cleanupWorktreesJob: JobDefinition = {
  run: async ({ job }) => {
    const result = await cleanupAttemptWorktrees();
    const next = await enqueueCleanupJob(new Date(Date.now() + CLEANUP_INTERVAL_MS), job.id);
    return { ...result, nextScheduled: next };
  },
  onInterrupted: async (job) => {
    if (job.status === "dead") await enqueueCleanupJob(new Date(Date.now() + CLEANUP_INTERVAL_MS), job.id);
  },
};
