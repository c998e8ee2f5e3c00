import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, agents, projects, users } from "@/db/schema";
import { type RunStatus } from "@/lib/domain";
import { PLAN_LIMITS } from "./plans";
import { planUsage, startOfMonthUtc } from "./usage";
import { testUser } from "@/tests/factories";

const NOW = new Date("2026-03-15T12:00:00.000Z");
let ann: string;
let ben: string;

const makeUser = async (email: string) => (await testUser({ email })).id;

async function seed(userId: string, runs: { status: RunStatus; createdAt: string }[]) {
  const [project] = await db()
    .insert(projects)
    .values({ userId, name: "p", path: `/tmp/${userId}` })
    .returning({ id: projects.id });
  await db().insert(agents).values({ userId, name: "a" });
  for (const run of runs) {
    await db()
      .insert(agentRuns)
      .values({ userId, projectId: project!.id, task: "echo hi", executor: "script", ...run });
  }
}

beforeAll(async () => {
  ann = await makeUser("ann@example.com");
  ben = await makeUser("ben@example.com");
  await seed(ann, [
    { status: "completed", createdAt: "2026-02-28T23:59:59.999Z" }, // last month
    { status: "completed", createdAt: "2026-03-01T00:00:00.000Z" },
    { status: "running", createdAt: "2026-03-10T08:00:00.000Z" },
    { status: "queued", createdAt: "2026-03-15T11:59:00.000Z" },
    { status: "failed", createdAt: "2026-03-15T11:00:00.000Z" },
  ]);
  // Someone else's rows must not count for Ann.
  await seed(ben, [{ status: "running", createdAt: "2026-03-02T00:00:00.000Z" }]);
});

describe("planUsage", () => {
  it("counts only the user's own agents, projects and runs, this month and in flight", async () => {
    expect(await planUsage(ann, NOW)).toEqual({
      plan: "FREE",
      limits: PLAN_LIMITS.FREE,
      usage: { agents: 1, projects: 1, runsThisMonth: 4, concurrentRuns: 2, imageStorageBytes: 0, apiTokens: 0, tags: 0 },
    });
    expect((await planUsage(ben, NOW)).usage).toEqual({ agents: 1, projects: 1, runsThisMonth: 1, concurrentRuns: 1, imageStorageBytes: 0, apiTokens: 0, tags: 0 });
  });

  it("reads the plan from the user", async () => {
    await db().update(users).set({ plan: "PRO" }).where(eq(users.id, ben));
    const usage = await planUsage(ben, NOW);
    expect(usage.plan).toBe("PRO");
    expect(usage.limits).toEqual(PLAN_LIMITS.PRO);
  });

  it("is zero for a new user and not_found for an unknown id", async () => {
    const fresh = await makeUser("fresh@example.com");
    expect((await planUsage(fresh)).usage).toEqual({ agents: 0, projects: 0, runsThisMonth: 0, concurrentRuns: 0, imageStorageBytes: 0, apiTokens: 0, tags: 0 });
    await expect(planUsage("no-such-user")).rejects.toMatchObject({ code: "not_found" });
  });

  it("starts the month at midnight UTC on the first", () => {
    expect(startOfMonthUtc(new Date("2026-01-01T00:30:00+02:00"))).toBe("2025-12-01T00:00:00.000Z");
    expect(startOfMonthUtc(NOW)).toBe("2026-03-01T00:00:00.000Z");
  });
});
