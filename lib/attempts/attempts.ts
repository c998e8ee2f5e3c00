import "server-only";
import { assertProjectAttached } from "@/lib/projects/detached";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agents, drafts, executionProcesses, jobs, projects, tasks, taskAttempts } from "@/db/schema";
import { getAgent } from "@/lib/agents/agents";
import { AppError, notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { gitRun } from "@/lib/git/git";
import { newId, nowIso } from "@/lib/domain/ids";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import { assertRunsLeftThisMonth } from "@/lib/runs/lifecycle";
import { getTask, taskRowNotTrashed } from "@/lib/tasks/tasks";
import type { AttemptDetail, AttemptStartInput, AttemptView } from "./schemas";
import { stopAttempts } from "./stop";
import { JOB_TYPES } from "@/lib/domain";

export const FINISHED_ATTEMPT_STATUSES = ["completed", "failed", "cancelled"] as const;

/** The columns an attempt shows to its owner. */
export const attemptColumns = {
  id: taskAttempts.id,
  taskId: taskAttempts.taskId,
  agentId: taskAttempts.agentId,
  agentName: agents.name,
  branch: taskAttempts.branch,
  status: taskAttempts.status,
  baseBranch: taskAttempts.baseBranch,
  baseCommit: taskAttempts.baseCommit,
  beforeCommit: taskAttempts.beforeCommit,
  afterCommit: taskAttempts.afterCommit,
  headCommit: taskAttempts.headCommit,
  error: taskAttempts.error,
  mergedAt: taskAttempts.mergedAt,
  discardedAt: taskAttempts.discardedAt,
  worktreeCleanedAt: taskAttempts.worktreeCleanedAt,
  createdAt: taskAttempts.createdAt,
};

function selectAttempts() {
  return db()
    .select(attemptColumns)
    .from(taskAttempts)
    .innerJoin(tasks, eq(tasks.id, taskAttempts.taskId))
    .leftJoin(agents, eq(agents.id, taskAttempts.agentId));
}

/** What the jobs and git operations need of an attempt (server-side only: paths never leave the server). */
export type AttemptContext = AttemptView & {
  userId: string;
  worktreePath: string | null;
  taskTitle: string;
  projectId: string;
  projectPath: string;
  setupScript: string | null;
};

/** One of the user's attempts with its task and project; another user's (or none) is not_found. */
export async function attemptContext(userId: string | null, attemptId: string): Promise<AttemptContext> {
  const [row] = await db()
    .select({
      ...attemptColumns,
      userId: tasks.userId,
      worktreePath: taskAttempts.worktreePath,
      taskTitle: tasks.title,
      projectId: tasks.projectId,
      projectPath: projects.path,
      projectConfig: projects.config,
    })
    .from(taskAttempts)
    .innerJoin(tasks, eq(tasks.id, taskAttempts.taskId))
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .leftJoin(agents, eq(agents.id, taskAttempts.agentId))
    .where(and(eq(taskAttempts.id, attemptId), userId ? eq(tasks.userId, userId) : undefined, isNull(tasks.deletedAt), isNull(projects.deletedAt)))
    .limit(1);
  if (!row) throw notFoundError("attempt");
  const { projectConfig, ...rest } = row;
  return { ...rest, setupScript: projectConfig?.setupScript?.trim() || null };
}

export async function getAttempt(userId: string, attemptId: string): Promise<AttemptView> {
  const [row] = await selectAttempts()
    .where(and(eq(taskAttempts.id, attemptId), eq(tasks.userId, userId), taskRowNotTrashed()))
    .limit(1);
  if (!row) throw notFoundError("attempt");
  return row;
}

/** The attempt with its execution processes and follow-up drafts, oldest first. */
export async function getAttemptDetail(userId: string, attemptId: string): Promise<AttemptDetail> {
  const attempt = await getAttempt(userId, attemptId);
  const [processes, draftRows] = await Promise.all([
    db()
      .select({ id: executionProcesses.id, kind: executionProcesses.kind, status: executionProcesses.status, runId: executionProcesses.runId, createdAt: executionProcesses.createdAt })
      .from(executionProcesses)
      .where(eq(executionProcesses.attemptId, attemptId))
      .orderBy(asc(executionProcesses.id)),
    db()
      .select({ id: drafts.id, message: drafts.message, status: drafts.status, createdAt: drafts.createdAt })
      .from(drafts)
      .where(eq(drafts.attemptId, attemptId))
      .orderBy(asc(drafts.id)),
  ]);
  return { ...attempt, processes, drafts: draftRows };
}

/** A task's attempts, newest first. */
export async function listAttemptsForTask(userId: string, taskId: string): Promise<AttemptView[]> {
  await getTask(userId, taskId);
  return selectAttempts()
    .where(and(eq(taskAttempts.taskId, taskId), eq(tasks.userId, userId)))
    .orderBy(desc(taskAttempts.id))
    .limit(200);
}

/** The branch checked out in the project's own checkout; a clear 409 when it is not a usable repository. */
export async function projectBaseBranch(projectPath: string): Promise<string> {
  const top = await gitRun(projectPath, ["rev-parse", "--show-toplevel"], { okExitCodes: [128] }).catch(() => null);
  if (!top || top.exitCode !== 0) {
    throw new AppError("conflict", "The project's folder is not a git repository, so an attempt cannot make a branch there. Run `git init` and commit first.");
  }
  const head = await gitRun(projectPath, ["rev-parse", "-q", "--verify", "HEAD^{commit}"], { okExitCodes: [1, 128] });
  if (head.exitCode !== 0) throw new AppError("conflict", "The project's repository has no commits yet; commit something first.");
  const branch = await gitRun(projectPath, ["symbolic-ref", "-q", "--short", "HEAD"], { okExitCodes: [1, 128] });
  if (branch.exitCode !== 0 || !branch.stdout.trim()) {
    throw new AppError("conflict", "The project's checkout is not on a branch (detached HEAD); check out the branch attempts should start from.");
  }
  return branch.stdout.trim();
}

export function branchSlug(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "task";
}

/**
 * A job that runs the attempt, inserted only when `stamp` is the attempt's
 * updated_at and it is queued: i.e. only if the caller's own UPDATE (or
 * INSERT) in the same batch took. A duplicate job is harmless anyway: the job
 * claims the attempt queued -> running first and skips when it cannot.
 */
function insertRunJobIfQueued(attemptId: string, userId: string, stamp: string) {
  return db().run(sql`
    INSERT INTO ${jobs} (id, user_id, type, payload, priority, max_attempts, run_at, created_at, updated_at)
    SELECT ${newId()}, ${userId}, ${JOB_TYPES.runAttempt}, ${JSON.stringify({ attemptId })}, 0, 1, ${stamp}, ${stamp}, ${stamp}
    WHERE EXISTS (SELECT 1 FROM ${taskAttempts} WHERE ${taskAttempts.id} = ${attemptId}
      AND ${taskAttempts.status} = 'queued' AND ${taskAttempts.updatedAt} = ${stamp})`);
}

/**
 * Start an attempt on one of the user's tasks: the attempt row (queued), its
 * first message as a draft and its run_attempt job commit together; the task
 * moves to in_progress and gets the agent if it had none. The worktree is
 * made by the job (lib/attempts/run-attempt.ts). Refused (403) up front when
 * the plan's monthly runs are used up, rather than accepted and then failed.
 */
export async function startAttempt(userId: string, taskId: string, input: AttemptStartInput): Promise<AttemptView> {
  const task = await getTask(userId, taskId);
  const agent = await getAgent(userId, input.agentId);
  await assertRunsLeftThisMonth(userId);
  const [project] = await db().select({ path: projects.path }).from(projects).where(and(eq(projects.id, task.projectId), eq(projects.userId, userId), isNull(projects.deletedAt))).limit(1);
  if (!project) throw notFoundError("project");
  await assertProjectAttached(task.projectId);
  const baseBranch = await projectBaseBranch(project.path);

  const id = newId();
  const stamp = nowIso();
  const branch = `switchboard/${branchSlug(task.title)}-${id.slice(-8)}`;
  const message = input.prompt ?? `Work on the task "${task.title}".`;
  await db().batch([
    db().insert(taskAttempts).values({ id, taskId, agentId: agent.id, branch, baseBranch, status: "queued", createdAt: stamp, updatedAt: stamp }),
    db().insert(drafts).values({ id: newId(), attemptId: id, userId, message }),
    insertRunJobIfQueued(id, userId, stamp),
    db()
      .update(tasks)
      .set({ status: "in_progress", assignedAgentId: sql`coalesce(${tasks.assignedAgentId}, ${agent.id})`, updatedAt: stamp })
      .where(and(eq(tasks.id, taskId), eq(tasks.userId, userId))),
  ]);
  notifyJobsAvailable();
  return getAttempt(userId, id);
}

/**
 * Queue a follow-up. While the attempt is queued or running it simply waits
 * and runs next, in order, in the same worktree. A finished attempt (not
 * merged or discarded) is set back to queued and gets a new job, in the same
 * transaction as the draft. Refused (403) up front when the plan's monthly
 * runs are used up: the attempt stays as it was.
 */
export async function sendFollowUp(userId: string, attemptId: string, message: string): Promise<AttemptDetail> {
  const attempt = await attemptContext(userId, attemptId);
  if (attempt.mergedAt) throw new AppError("conflict", "This attempt was merged; start a new attempt for more changes.");
  if (attempt.discardedAt || attempt.worktreeCleanedAt) throw new AppError("conflict", "This attempt's worktree is gone (discarded or cleaned up); start a new attempt.");
  await assertRunsLeftThisMonth(userId);
  const stamp = nowIso();
  // The draft only goes in while the attempt is still open (a merge claims merged_at first), checked inside the INSERT.
  const [inserted] = await db().batch([
    db().run(sql`
      INSERT INTO ${drafts} (id, attempt_id, user_id, message, status, created_at)
      SELECT ${newId()}, ${attemptId}, ${userId}, ${message}, 'queued', ${stamp}
      WHERE EXISTS (SELECT 1 FROM ${taskAttempts} WHERE ${taskAttempts.id} = ${attemptId}
        AND ${taskAttempts.mergedAt} IS NULL AND ${taskAttempts.discardedAt} IS NULL AND ${taskAttempts.worktreeCleanedAt} IS NULL)`),
    db()
      .update(taskAttempts)
      .set({ status: "queued", error: null, updatedAt: stamp })
      .where(
        and(
          eq(taskAttempts.id, attemptId),
          inArray(taskAttempts.status, [...FINISHED_ATTEMPT_STATUSES]),
          sql`${taskAttempts.mergedAt} IS NULL AND ${taskAttempts.discardedAt} IS NULL`,
        ),
      ),
    insertRunJobIfQueued(attemptId, userId, stamp),
    db()
      .update(tasks)
      .set({ status: "in_progress", updatedAt: stamp })
      .where(and(eq(tasks.id, attempt.taskId), sql`EXISTS (SELECT 1 FROM ${taskAttempts} WHERE ${taskAttempts.id} = ${attemptId} AND ${taskAttempts.updatedAt} = ${stamp})`)),
  ]);
  if (inserted.rowsAffected === 0) throw new AppError("conflict", "This attempt was merged or discarded meanwhile; start a new attempt for more changes.");
  notifyJobsAvailable();
  return getAttemptDetail(userId, attemptId);
}

/** Cancel a follow-up that has not been sent yet. */
export async function cancelDraft(userId: string, attemptId: string, draftId: string): Promise<void> {
  await attemptContext(userId, attemptId);
  await db().update(drafts).set({ status: "cancelled" }).where(and(eq(drafts.id, draftId), eq(drafts.attemptId, attemptId), eq(drafts.status, "queued")));
}

/** Stop a queued or running attempt: its job, its current run, and its unsent follow-ups. A finished one is returned as it is. */
export async function cancelAttempt(userId: string, attemptId: string): Promise<AttemptView> {
  await attemptContext(userId, attemptId);
  await stopAttempts(userId, { attemptIds: [attemptId] });
  return getAttempt(userId, attemptId);
}

/**
 * Try a finished attempt again: a new attempt on the same task with the same
 * agent and the same first message (the old one stays, to compare or discard).
 */
export async function retryAttempt(userId: string, attemptId: string): Promise<AttemptView> {
  const attempt = await attemptContext(userId, attemptId);
  if (attempt.status === "queued" || attempt.status === "running") {
    throw new AppError("conflict", `The attempt is still ${attempt.status}; wait for it to finish (or cancel it) before you retry.`);
  }
  if (!attempt.agentId) throw new LocalizedError("conflict", { key: "attempts.retry.noAgent" });
  const [first] = await db().select({ message: drafts.message }).from(drafts).where(eq(drafts.attemptId, attemptId)).orderBy(asc(drafts.id)).limit(1);
  return startAttempt(userId, attempt.taskId, { agentId: attempt.agentId, prompt: first?.message });
}
