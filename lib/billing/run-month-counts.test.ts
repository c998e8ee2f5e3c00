import { and, count, eq, gte, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, users } from "@/db/schema";
import { createRun, createUser } from "@/lib/runs/test-helpers";
import { planUsage, startOfMonthUtc } from "./usage";

/** The plan meter reads run_month_counts; these check it against counting the runs themselves. */
async function countedRuns(userId: string, now = new Date()) {
  const [row] = await db()
    .select({ n: count() })
    .from(agentRuns)
    .where(and(eq(agentRuns.userId, userId), gte(agentRuns.createdAt, startOfMonthUtc(now))));
  return row!.n;
}

describe("runs this month", () => {
  it("equal counting the runs after concurrent creates, runs moved to last month and deleted runs", async () => {
    const userId = await createUser();
    const runs = await Promise.all(Array.from({ length: 60 }, () => createRun(userId, "completed")));
    expect((await planUsage(userId)).usage.runsThisMonth).toBe(60);
    const lastMonth = new Date(Date.parse(startOfMonthUtc(new Date())) - 86_400_000).toISOString();
    await db()
      .update(agentRuns)
      .set({ createdAt: lastMonth })
      .where(inArray(agentRuns.id, runs.slice(0, 10).map((r) => r.runId)));
    await db().delete(agentRuns).where(inArray(agentRuns.id, runs.slice(10, 15).map((r) => r.runId)));
    const usage = await planUsage(userId);
    expect(usage.usage.runsThisMonth).toBe(45);
    expect(usage.usage.runsThisMonth).toBe(await countedRuns(userId));
    // Last month's runs are counted for that month (what the meter showed then).
    expect((await planUsage(userId, new Date(lastMonth))).usage.runsThisMonth).toBe(await countedRuns(userId, new Date(lastMonth)) - 45);
  });

  it("goes with the user", async () => {
    const userId = await createUser();
    await createRun(userId, "completed");
    await db().delete(users).where(eq(users.id, userId));
    const left = await db().all(`SELECT * FROM run_month_counts WHERE user_id = '${userId}'`);
    expect(left).toEqual([]);
  });
});
