import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, ideas, links, projects, tasks, taskAttempts } from "@/db/schema";
import { notFoundError } from "@/lib/errors";

/** The run columns that may leave the server (pages, JSON); internals such as pid and input stay here. */
export const runViewColumns = {
  id: agentRuns.id,
  status: agentRuns.status,
  agentId: agentRuns.agentId,
  agentName: agents.name,
  projectId: agentRuns.projectId,
  projectName: projects.name,
  task: agentRuns.task,
  source: agentRuns.source,
  sourceId: agentRuns.sourceId,
  /** The name of what the run belongs to: the attempt's task or the idea, as it is called now (same owner). */
  sourceName: sql<string | null>`CASE ${agentRuns.source}
    WHEN 'attempt' THEN (SELECT ${tasks.title} FROM ${taskAttempts} JOIN ${tasks} ON ${tasks.id} = ${taskAttempts.taskId}
      WHERE ${taskAttempts.id} = ${agentRuns.sourceId} AND ${tasks.userId} = ${agentRuns.userId})
    WHEN 'refinement' THEN (SELECT ${ideas.title} FROM ${ideas} WHERE ${ideas.id} = ${agentRuns.sourceId} AND ${ideas.userId} = ${agentRuns.userId})
    WHEN 'link' THEN (SELECT coalesce(${links.title}, ${links.url}) FROM ${links} WHERE ${links.id} = ${agentRuns.sourceId} AND ${links.userId} = ${agentRuns.userId})
  END`.as("source_name"),
  model: agentRuns.model,
  executor: agentRuns.executor,
  exitCode: agentRuns.exitCode,
  error: agentRuns.error,
  inputTokens: agentRuns.inputTokens,
  outputTokens: agentRuns.outputTokens,
  cacheReadTokens: agentRuns.cacheReadTokens,
  cacheWriteTokens: agentRuns.cacheWriteTokens,
  costUsd: agentRuns.costUsd,
  lastSeq: agentRuns.lastSeq,
  createdAt: agentRuns.createdAt,
  startedAt: agentRuns.startedAt,
  completedAt: agentRuns.completedAt,
};

export type RunView = Awaited<ReturnType<typeof getRunForUser>>;

/** One of the user's runs; another user's or an unknown id is `not_found`. */
export async function getRunForUser(userId: string, runId: string) {
  const [run] = await db()
    .select(runViewColumns)
    .from(agentRuns)
    .innerJoin(projects, eq(projects.id, agentRuns.projectId))
    .leftJoin(agents, eq(agents.id, agentRuns.agentId))
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.userId, userId), isNull(projects.deletedAt)))
    .limit(1);
  if (!run) throw notFoundError("run");
  return run;
}
