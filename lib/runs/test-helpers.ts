import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, projects, users, type RunStatus } from "@/db/schema";
import { newId } from "@/lib/ids";

/** Test fixtures only: a user, one of their projects, and a run (no agent needed). */
export async function createUser(email = `u-${newId()}@example.test`) {
  const [user] = await db().insert(users).values({ email, name: "Test" }).returning({ id: users.id });
  return user!.id;
}

export async function createRun(userId?: string, status: RunStatus = "running") {
  const owner = userId ?? (await createUser());
  const [project] = await db()
    .insert(projects)
    .values({ userId: owner, name: "p", path: "/tmp/p" })
    .returning({ id: projects.id });
  const [run] = await db()
    .insert(agentRuns)
    .values({ userId: owner, projectId: project!.id, task: "echo hi", executor: "script", status })
    .returning({ id: agentRuns.id });
  return { userId: owner, runId: run!.id };
}

export async function setRunStatus(runId: string, status: RunStatus, extra: { exitCode?: number; error?: string } = {}) {
  await db()
    .update(agentRuns)
    .set({ status, ...extra, ...(status === "completed" || status === "failed" || status === "cancelled" ? { completedAt: new Date().toISOString() } : {}) })
    .where(eq(agentRuns.id, runId));
}
