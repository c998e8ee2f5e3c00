import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { drafts, executionProcesses, jobs, tasks, taskAttempts } from "@/db/schema";
import { nowIso } from "@/lib/domain/ids";
import { cancelJob } from "@/lib/queue/queue";
import { cancelRun } from "@/lib/runs/lifecycle";
import { JOB_TYPES } from "@/lib/domain";


/** Which attempts to stop: some by id, every one of some tasks or of a project, or all the user's. All must be the user's. */
export type AttemptScope = { attemptIds: string[] } | { taskIds: string[] } | { projectId: string } | { all: true };

function scopeCondition(scope: AttemptScope) {
  if ("all" in scope) return undefined;
  if ("attemptIds" in scope) return inArray(taskAttempts.id, scope.attemptIds);
  if ("taskIds" in scope) return inArray(taskAttempts.taskId, scope.taskIds);
  return eq(tasks.projectId, scope.projectId);
}

/**
 * Stops the user's queued or running attempts in `scope`: their jobs (the
 * worker aborts a running one), their current runs (the process group is
 * killed) and their unsent follow-ups. Used to cancel an attempt, and before
 * its task or project is deleted, so no agent keeps working for a row that is
 * gone. Finished attempts are left as they are.
 */
export async function stopAttempts(userId: string, scope: AttemptScope): Promise<void> {
  const active = await db()
    .select({ id: taskAttempts.id })
    .from(taskAttempts)
    .innerJoin(tasks, eq(tasks.id, taskAttempts.taskId))
    .where(and(eq(tasks.userId, userId), inArray(taskAttempts.status, ["queued", "running"]), scopeCondition(scope)));
  const ids = active.map((a) => a.id);
  if (ids.length === 0) return;

  const attemptJobs = await db()
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.type, JOB_TYPES.runAttempt), inArray(jobs.status, ["pending", "running"]), inArray(sql`json_extract(${jobs.payload}, '$.attemptId')`, ids)));
  for (const job of attemptJobs) await cancelJob(job.id, { userId }).catch(() => undefined);
  const running = await db()
    .select({ runId: executionProcesses.runId })
    .from(executionProcesses)
    .where(and(inArray(executionProcesses.attemptId, ids), inArray(executionProcesses.status, ["queued", "running"])));
  for (const p of running) if (p.runId) await cancelRun(userId, p.runId).catch(() => undefined);

  const at = nowIso();
  await db().batch([
    db().update(taskAttempts).set({ status: "cancelled", updatedAt: at }).where(and(inArray(taskAttempts.id, ids), inArray(taskAttempts.status, ["queued", "running"]))),
    db().update(drafts).set({ status: "cancelled" }).where(and(inArray(drafts.attemptId, ids), eq(drafts.status, "queued"))),
    db()
      .update(executionProcesses)
      .set({ status: "cancelled", completedAt: at })
      .where(and(inArray(executionProcesses.attemptId, ids), inArray(executionProcesses.status, ["queued", "running"]))),
  ]);
}
