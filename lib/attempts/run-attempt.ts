import "server-only";
import { notifyUser } from "@/lib/notifications/notifications";
import path from "node:path";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, drafts, executionProcesses, tasks, taskAttempts, type Job } from "@/db/schema";
import { type ProcessKind } from "@/lib/domain";
import { getAgent } from "@/lib/agents/agents";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { git } from "@/lib/git/git";
import { commitAll, createAttemptWorktree } from "@/lib/git/worktrees";
import { newId, nowIso } from "@/lib/domain/ids";
import { executeRun, interruptRun, type RunOutcome } from "@/lib/runs/execute";
import { createAgentTurn, createScriptTurn } from "@/lib/runs/turns";
import type { JobContext, JobDefinition } from "@/lib/queue/types";
import { attemptContext, type AttemptContext } from "./attempts";
import { composeFirstPrompt } from "./prompt";

/**
 * The run_attempt job: makes the attempt's worktree (first time only), runs
 * the project's setup script there, then each queued draft in order as a turn
 * of the coding agent, committing its changes on the attempt's branch after
 * each turn. Every step is an ordinary run (it shows in /runs and streams).
 */

type Ended = { status: "completed" | "failed" | "cancelled"; error: string | null };

const attemptIdOf = (job: Job) => String((job.payload as { attemptId?: unknown }).attemptId ?? "");

async function setAttempt(id: string, patch: Partial<typeof taskAttempts.$inferInsert>, onlyIf: Array<"queued" | "running"> = ["running"]) {
  const rows = await db()
    .update(taskAttempts)
    .set({ ...patch, updatedAt: nowIso() })
    .where(and(eq(taskAttempts.id, id), inArray(taskAttempts.status, onlyIf)))
    .returning({ id: taskAttempts.id });
  return rows.length > 0;
}

/** Run one step as an execution process backed by `runId`; the process mirrors the run's outcome. */
async function runProcess(attemptId: string, kind: ProcessKind, runId: string, signal: AbortSignal): Promise<RunOutcome> {
  const processId = newId();
  await db().insert(executionProcesses).values({ id: processId, attemptId, runId, kind, status: "running" });
  const outcome = await executeRun(runId, signal);
  const status = outcome.status === "skipped" ? "cancelled" : outcome.status;
  await db().update(executionProcesses).set({ status, completedAt: nowIso() }).where(eq(executionProcesses.id, processId));
  return outcome;
}

function ended(outcome: RunOutcome, what: string): Ended | null {
  if (outcome.status === "completed") return null;
  if (outcome.status === "cancelled" || outcome.status === "skipped") return { status: "cancelled", error: null };
  return { status: "failed", error: `${what} failed: ${outcome.error ?? `exit code ${outcome.exitCode}`}` };
}

/** First run only: the worktree on a new branch from the base branch, outside the project's checkout. */
async function ensureWorktree(a: AttemptContext): Promise<string> {
  if (a.worktreePath) return a.worktreePath;
  const created = await createAttemptWorktree({
    repo: a.projectPath,
    baseBranch: a.baseBranch ?? "main",
    branch: a.branch,
    worktreesRoot: path.join(config().worktreesDir, a.projectId),
  });
  await db()
    .update(taskAttempts)
    .set({ worktreePath: created.path, baseCommit: created.baseCommit, beforeCommit: created.baseCommit, headCommit: created.baseCommit, updatedAt: nowIso() })
    .where(eq(taskAttempts.id, a.id));
  return created.path;
}

/** The session of the last coding turn, so a follow-up continues the same conversation. */
async function lastSessionId(attemptId: string): Promise<string | null> {
  const [row] = await db()
    .select({ sessionId: agentRuns.sessionId })
    .from(executionProcesses)
    .innerJoin(agentRuns, eq(agentRuns.id, executionProcesses.runId))
    .where(and(eq(executionProcesses.attemptId, attemptId), eq(executionProcesses.kind, "coding_agent")))
    .orderBy(desc(executionProcesses.id))
    .limit(1);
  return row?.sessionId ?? null;
}

async function setupSucceeded(attemptId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: executionProcesses.id })
    .from(executionProcesses)
    .where(and(eq(executionProcesses.attemptId, attemptId), eq(executionProcesses.kind, "setup"), eq(executionProcesses.status, "completed")))
    .limit(1);
  return !!row;
}

async function hasCodingTurn(attemptId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: executionProcesses.id })
    .from(executionProcesses)
    .where(and(eq(executionProcesses.attemptId, attemptId), eq(executionProcesses.kind, "coding_agent")))
    .limit(1);
  return !!row;
}

/** Takes the oldest queued draft (marking it sent), or null when none is left. */
async function takeDraft(attemptId: string): Promise<{ id: string; message: string } | null> {
  const [next] = await db()
    .select({ id: drafts.id, message: drafts.message })
    .from(drafts)
    .where(and(eq(drafts.attemptId, attemptId), eq(drafts.status, "queued")))
    .orderBy(asc(drafts.id))
    .limit(1);
  if (!next) return null;
  const taken = await db().update(drafts).set({ status: "sent" }).where(and(eq(drafts.id, next.id), eq(drafts.status, "queued"))).returning({ id: drafts.id });
  return taken.length ? next : takeDraft(attemptId);
}

/** Completed only if no follow-up is waiting, in the same statement, so one sent meanwhile is never lost. */
async function completeIfNoDrafts(attemptId: string): Promise<boolean> {
  const rows = await db()
    .update(taskAttempts)
    .set({ status: "completed", error: null, updatedAt: nowIso() })
    .where(
      and(
        eq(taskAttempts.id, attemptId),
        eq(taskAttempts.status, "running"),
        sql`NOT EXISTS (SELECT 1 FROM ${drafts} WHERE ${drafts.attemptId} = ${attemptId} AND ${drafts.status} = 'queued')`,
      ),
    )
    .returning({ id: taskAttempts.id });
  return rows.length > 0;
}

/** Whether the attempt's latest coding turn completed (it was "completed" before this job re-queued it). */
async function lastTurnCompleted(attemptId: string): Promise<boolean> {
  const [row] = await db()
    .select({ status: executionProcesses.status })
    .from(executionProcesses)
    .where(and(eq(executionProcesses.attemptId, attemptId), eq(executionProcesses.kind, "coding_agent")))
    .orderBy(desc(executionProcesses.id))
    .limit(1);
  return row?.status === "completed";
}

/**
 * Creates a turn's run, unless the plan's monthly runs ran out after the
 * attempt or follow-up was accepted (createRun refuses inside its INSERT with
 * a 403). Then nothing runs, the waiting follow-ups are withdrawn, and the
 * attempt keeps the outcome of its work so far: a completed attempt stays
 * completed (with the reason as its error), never turned into failed.
 */
async function turnOrRefusal(attemptId: string, create: () => Promise<string>, takenDraftId?: string): Promise<string | Ended> {
  try {
    return await create();
  } catch (error) {
    if (!(error instanceof AppError && error.code === "forbidden")) throw error;
    const unsent = or(eq(drafts.status, "queued"), takenDraftId ? eq(drafts.id, takenDraftId) : undefined);
    await db().update(drafts).set({ status: "cancelled" }).where(and(eq(drafts.attemptId, attemptId), unsent));
    return { status: (await lastTurnCompleted(attemptId)) ? "completed" : "failed", error: error.message };
  }
}

async function stillRunning(attemptId: string): Promise<boolean> {
  const [row] = await db().select({ status: taskAttempts.status }).from(taskAttempts).where(eq(taskAttempts.id, attemptId)).limit(1);
  return row?.status === "running";
}

async function work(a: AttemptContext, signal: AbortSignal): Promise<Ended> {
  const worktree = await ensureWorktree(a);
  // Once per attempt; a setup that failed runs again when a follow-up re-queues the attempt.
  const setupScript = a.setupScript;
  if (setupScript && !(await setupSucceeded(a.id))) {
    const runId = await turnOrRefusal(a.id, () => createScriptTurn(a.userId, { projectId: a.projectId, command: setupScript, cwd: worktree, from: { source: "attempt", sourceId: a.id } }));
    if (typeof runId !== "string") return runId;
    const stop = ended(await runProcess(a.id, "setup", runId, signal), "The setup script");
    if (stop) return stop;
  }
  if (!a.agentId) return { status: "failed", error: "The attempt's agent was deleted." };
  const agent = await getAgent(a.userId, a.agentId);
  for (;;) {
    const draft = await takeDraft(a.id);
    if (!draft) {
      if (await completeIfNoDrafts(a.id)) return { status: "completed", error: null };
      // Not completed: either a follow-up arrived between the two statements (run it too), or the attempt
      // is no longer running (cancelled between turns, or deleted with its task): stop rather than spin.
      if (signal.aborted || !(await stillRunning(a.id))) return { status: "cancelled", error: null };
      continue;
    }
    const prompt = (await hasCodingTurn(a.id)) ? draft.message : await composeFirstPrompt(a.userId, a.taskId, draft.message);
    const resumeSessionId = await lastSessionId(a.id);
    const runId = await turnOrRefusal(a.id, () => createAgentTurn(a.userId, { agent, projectId: a.projectId, prompt, cwd: worktree, resumeSessionId, from: { source: "attempt", sourceId: a.id } }), draft.id);
    if (typeof runId !== "string") return runId;
    const outcome = await runProcess(a.id, "coding_agent", runId, signal);
    // Commit whatever the agent left, even on failure, so the branch holds its work.
    const firstLine = draft.message.split("\n")[0]!.slice(0, 72);
    await commitAll(worktree, `${a.taskTitle}: ${firstLine}`);
    const head = await git(worktree, ["rev-parse", "HEAD"]);
    await db().update(taskAttempts).set({ afterCommit: head, headCommit: head, updatedAt: nowIso() }).where(eq(taskAttempts.id, a.id));
    const stop = ended(outcome, "The coding agent");
    if (stop) return stop;
  }
}

async function runAttempt({ job, signal }: JobContext) {
  const attemptId = attemptIdOf(job);
  // Claim: only one job runs an attempt; a duplicate or a cancelled attempt is skipped.
  if (!(await setAttempt(attemptId, { status: "running" }, ["queued"]))) return { skipped: true };
  const a = await attemptContext(null, attemptId);
  await db().update(tasks).set({ status: "in_progress", updatedAt: nowIso() }).where(eq(tasks.id, a.taskId));
  let result: Ended;
  try {
    result = await work(a, signal);
  } catch (error) {
    result = { status: "failed", error: error instanceof Error ? error.message : String(error) };
  }
  // A completed result with an error is a follow-up the plan refused: the attempt keeps "completed" and says why.
  if (result.status !== "completed" || result.error) {
    await setAttempt(attemptId, { status: result.status, error: result.error });
    // A cancelled attempt's unsent follow-ups are withdrawn; a failed one's wait for the next follow-up.
    if (result.status === "cancelled") await db().update(drafts).set({ status: "cancelled" }).where(and(eq(drafts.attemptId, attemptId), eq(drafts.status, "queued")));
  }
  // A finished attempt waits for review (merge, follow-up or discard); the task shows it.
  if (result.status === "completed") {
    await db().update(tasks).set({ status: "review", updatedAt: nowIso() }).where(eq(tasks.id, a.taskId));
    if (!result.error) await notifyUser(a.userId, "attemptReadyToMerge", `Attempt ready to merge: ${a.taskTitle}`, `/board/attempts/${attemptId}`);
  }
  return { status: result.status, ...(result.error ? { error: result.error } : {}) };
}

/** The worker died with the attempt going: its current run fails as interrupted, and so does the attempt. */
async function onAttemptInterrupted(job: Job) {
  const attemptId = attemptIdOf(job);
  const open = await db()
    .select({ id: executionProcesses.id, runId: executionProcesses.runId })
    .from(executionProcesses)
    .where(and(eq(executionProcesses.attemptId, attemptId), inArray(executionProcesses.status, ["queued", "running"])));
  for (const p of open) {
    if (p.runId) await interruptRun(p.runId);
    await db().update(executionProcesses).set({ status: "failed", completedAt: nowIso() }).where(eq(executionProcesses.id, p.id));
  }
  await setAttempt(attemptId, { status: "failed", error: "interrupted: the worker running it stopped" }, ["queued", "running"]);
}

export const runAttemptJob: JobDefinition = { run: runAttempt, onInterrupted: onAttemptInterrupted };
