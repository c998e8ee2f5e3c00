import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, projects, usageRecords } from "@/db/schema";
import type { UsageReport } from "@/lib/executors/types";
import { newId } from "@/lib/domain/ids";
import { createUser } from "@/lib/users/users";
import { recordRunUsage } from "./usage";

/** Test fixtures only: a user with a project and an agent, and runs that record usage. */
export async function fixture(label: string) {
  const user = (await createUser({ email: `${label}-${newId()}@example.test`, name: label }))!;
  const project = await addProject(user.id, `${label} project`);
  const agent = await addAgent(user.id, `${label} agent`);
  return { user, project, agent };
}

export async function addProject(userId: string, name: string) {
  const [row] = await db().insert(projects).values({ userId, name, path: `/tmp/${newId()}` }).returning();
  return row!;
}

export async function addAgent(userId: string, name: string) {
  const [row] = await db().insert(agents).values({ userId, name }).returning();
  return row!;
}

export async function addRun(userId: string, projectId: string, agentId: string | null) {
  const [row] = await db()
    .insert(agentRuns)
    .values({ userId, projectId, agentId, task: "work", executor: "anthropic", status: "completed" })
    .returning();
  return row!;
}

export function report(partial: Partial<UsageReport> = {}): UsageReport {
  return { model: "claude-sonnet-4-5", inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: null, ...partial };
}

/** A run that used `usage`, recorded as if it finished at `at` (ISO). */
export async function usedAt(
  owner: { userId: string; projectId: string; agentId: string | null },
  usage: Partial<UsageReport>,
  at?: string,
) {
  const run = await addRun(owner.userId, owner.projectId, owner.agentId);
  const cost = await recordRunUsage({ ...owner, runId: run.id, report: report(usage) });
  if (at) await db().update(usageRecords).set({ createdAt: at }).where(eq(usageRecords.runId, run.id));
  return { run, cost };
}
