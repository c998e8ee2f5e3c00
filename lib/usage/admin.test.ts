import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/users";
import type { PublicUser } from "@/lib/users/columns";
import { adminUsageByModelPerDay, adminUsageByUser, adminUsageSummary, usageByUserCsv } from "./admin";
import { fixture, usedAt } from "./test-helpers";

let admin: PublicUser;

beforeAll(async () => {
  // This file has its own database: the first account created is the admin.
  admin = (await createUser({ email: "root@example.test", name: "Root" }))!;
  expect(admin.role).toBe("admin");
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe("admin usage", () => {
  it("adds up every user's usage, by day, model and project, and per user by email", async () => {
    const ann = await fixture("ann");
    const ben = await fixture("ben");
    const annOwner = { userId: ann.user.id, projectId: ann.project.id, agentId: ann.agent.id };
    const benOwner = { userId: ben.user.id, projectId: ben.project.id, agentId: ben.agent.id };
    await usedAt(annOwner, { model: "sonnet", inputTokens: 100, outputTokens: 10, costUsd: 1.5 }, daysAgo(1));
    await usedAt(annOwner, { model: "haiku", inputTokens: 200, outputTokens: 20, costUsd: 0.5 }, daysAgo(2));
    await usedAt(benOwner, { model: "sonnet", inputTokens: 1000, outputTokens: 5, costUsd: 4 }, daysAgo(1));
    // Outside the default 30 days: left out.
    await usedAt(benOwner, { model: "sonnet", inputTokens: 9999, costUsd: 99 }, daysAgo(60));

    const summary = await adminUsageSummary(admin, { groupBy: "model" });
    expect(summary.totals).toMatchObject({ runs: 3, inputTokens: 1300, outputTokens: 35, costUsd: 6 });
    expect(summary.data.map((r) => [r.key, r.costUsd, r.runs])).toEqual([
      ["sonnet", 5.5, 2],
      ["haiku", 0.5, 1],
    ]);
    const byProject = await adminUsageSummary(admin, { groupBy: "project" });
    expect(byProject.data.map((r) => r.name)).toEqual(["ben project", "ann project"]);

    const perDay = await adminUsageByModelPerDay(admin);
    expect(perDay.data.reduce((sum, r) => sum + r.runs, 0)).toBe(3);
    expect(perDay.data.filter((r) => r.model === "sonnet").map((r) => r.inputTokens)).toEqual([1100]);

    const byUser = await adminUsageByUser(admin);
    expect(byUser.data.map((r) => [r.key, r.name, r.costUsd, r.runs, r.inputTokens])).toEqual([
      [ben.user.id, ben.user.email, 4, 1, 1000],
      [ann.user.id, ann.user.email, 2, 2, 300],
    ]);
    const older = await adminUsageByUser(admin, { from: daysAgo(61).slice(0, 10), to: daysAgo(59).slice(0, 10) });
    expect(older.data).toEqual([expect.objectContaining({ key: ben.user.id, inputTokens: 9999, costUsd: 99 })]);

    const csv = usageByUserCsv(byUser.data).split("\r\n");
    expect(csv[0]).toBe("user_id,email,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs");
    expect(csv[1]).toBe(`${ben.user.id},${ben.user.email},1000,5,0,0,4.000000,1`);
    expect(csv).toHaveLength(4); // header, two users, and the empty string after the final CRLF
  });

  it("answers not_found to anyone who is not an admin", async () => {
    const { user } = await fixture("nosy");
    for (const call of [
      () => adminUsageSummary(user),
      () => adminUsageByModelPerDay(user),
      () => adminUsageByUser(user),
      () => adminUsageSummary({ id: "no-such-user" }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("not_found");
    }
  });
});
