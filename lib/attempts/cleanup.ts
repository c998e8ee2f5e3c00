import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { projects, tasks, taskAttempts } from "@/db/schema";
import { config } from "@/lib/config";
import { cleanupWorktrees, removeOrphanWorktree } from "@/lib/git/worktrees";
import { nowIso } from "@/lib/domain/ids";
import { recurringJobDefinition, scheduleRecurring, type RecurringJob } from "@/lib/queue/recurring";
import { JOB_TYPES } from "@/lib/domain";

/**
 * The cleanup_worktrees job: removes worktrees of finished attempts older than
 * WORKTREE_TTL_HOURS (config().worktreeTtlMs) when their branch is merged, or
 * when the attempt was discarded; unmerged work is always kept. It also
 * removes worktree folders whose task or project was deleted (their branches
 * stay). It re-enqueues itself hourly; scheduleWorktreeCleanup() starts the
 * chain at server and worker start (one pending job across all processes).
 */

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
    // Nothing in the trash changes on disk until it is purged (then its worktrees are orphans, below).
    .where(and(isNotNull(taskAttempts.worktreePath), isNull(taskAttempts.worktreeCleanedAt), isNull(tasks.deletedAt), isNull(projects.deletedAt)));
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
  const orphans = await removeOrphanWorktrees(options.now ?? Date.now(), errors);
  return { removed, orphans, errors };
}

/** A folder younger than this may belong to an attempt whose row is being written right now. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * Worktree folders under DATA_DIR/worktrees that no attempt points at any
 * more, because their task or project was deleted: removed from git and disk.
 * Their branches stay in the project's repository, so no commit is lost (an
 * attempt commits after every turn, also when it is stopped).
 */
async function removeOrphanWorktrees(now: number, errors: string[]): Promise<number> {
  const root = await fs.realpath(config().worktreesDir).catch(() => null);
  if (!root) return 0;
  const owned = await db().select({ path: taskAttempts.worktreePath }).from(taskAttempts).where(isNotNull(taskAttempts.worktreePath));
  const ownedPaths = new Set(owned.map((r) => r.path));
  let removed = 0;
  for (const projectId of await fs.readdir(root)) {
    const projectDir = path.join(root, projectId);
    const [project] = await db().select({ path: projects.path }).from(projects).where(eq(projects.id, projectId)).limit(1);
    const entries = await fs.readdir(projectDir).catch(() => [] as string[]);
    for (const entry of entries) {
      const folder = path.join(projectDir, entry);
      if (ownedPaths.has(folder)) continue;
      const stat = await fs.stat(folder).catch(() => null);
      if (!stat?.isDirectory() || now - stat.mtimeMs < ORPHAN_GRACE_MS) continue;
      try {
        await removeOrphanWorktree(project?.path ?? null, folder);
        removed++;
      } catch (error) {
        errors.push(`${folder}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!project) await fs.rmdir(projectDir).catch(() => undefined); // only once empty
  }
  return removed;
}

const cleanup: RecurringJob = { type: JOB_TYPES.cleanupWorktrees, intervalMs: CLEANUP_INTERVAL_MS, run: () => cleanupAttemptWorktrees() };

/** Start the hourly cleanup chain (at server and worker start; one job across every process). */
export function scheduleWorktreeCleanup(runAt: Date = new Date()): Promise<boolean> {
  return scheduleRecurring(cleanup, runAt);
}

export const cleanupWorktreesJob = recurringJobDefinition(cleanup);
