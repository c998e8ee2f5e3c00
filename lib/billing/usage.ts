import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, projects, users } from "@/db/schema";
import { type Plan } from "@/lib/domain";
import { notFoundError } from "@/lib/errors";
import { startOfMonthUtc, usedSql } from "./limits";
import { limitsFor, type PlanLimits } from "./plans";

export { startOfMonthUtc };

export type PlanUsage = {
  plan: Plan;
  limits: PlanLimits;
  usage: {
    agents: number;
    projects: number;
    /** Runs created since the first day of this calendar month (UTC). */
    runsThisMonth: number;
    /** Runs queued or running right now. */
    concurrentRuns: number;
    /** Bytes of uploaded images kept. */
    imageStorageBytes: number;
    /** API tokens not revoked. */
    apiTokens: number;
    tags: number;
  };
};

/**
 * A user's plan, its limits, and current counts against them, in one query.
 * Shown by GET /api/v1/me and /billing; checked before creating agents,
 * projects and runs.
 */
export async function planUsage(userId: string, now = new Date()): Promise<PlanUsage> {
  const d = db();
  const [row] = await d
    .select({
      plan: users.plan,
      agents: d.$count(agents, eq(agents.userId, userId)),
      projects: d.$count(projects, and(eq(projects.userId, userId), eq(projects.kind, "user"))),
      runsThisMonth: usedSql("runsPerMonth", userId, now),
      concurrentRuns: d.$count(
        agentRuns,
        and(eq(agentRuns.userId, userId), inArray(agentRuns.status, ["queued", "running"])),
      ),
      imageStorageBytes: usedSql("imageStorageBytes", userId),
      apiTokens: usedSql("apiTokens", userId),
      tags: usedSql("tags", userId),
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw notFoundError("user");
  const { plan, ...usage } = row;
  return { plan, limits: limitsFor(plan), usage };
}
