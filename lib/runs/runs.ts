import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, projects } from "@/db/schema";
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
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.userId, userId)))
    .limit(1);
  if (!run) throw notFoundError("run");
  return run;
}
