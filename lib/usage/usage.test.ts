import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agents, models, projects, usageRecords } from "@/db/schema";
import { seedModelPrices } from "./prices";
import { addAgent, addProject, addRun, fixture, report, usedAt } from "./test-helpers";
import { recordRunUsage, usageByModelPerDay, usageSummary, usageSummaryFor } from "./usage";

beforeAll(async () => {
  await seedModelPrices();
});

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number, time = "12:00:00.000") => `${new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)}T${time}Z`;

describe("recordRunUsage", () => {
  it("prices tokens from the models table when the executor reports no cost", async () => {
    const { user, project, agent } = await fixture("priced");
    const run = await addRun(user.id, project.id, agent.id);
    // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
    const cost = await recordRunUsage({
      userId: user.id,
      projectId: project.id,
      agentId: agent.id,
      runId: run.id,
      report: report({ model: "claude-sonnet-4-5-20250929", inputTokens: 2000, outputTokens: 1000, cacheReadTokens: 10_000, cacheWriteTokens: 4000 }),
    });
    expect(cost).toBe(0.039);
    const [row] = await db().select().from(usageRecords).where(eq(usageRecords.runId, run.id));
    expect(row).toMatchObject({
      userId: user.id,
      projectId: project.id,
      agentId: agent.id,
      model: "claude-sonnet-4-5-20250929",
      inputTokens: 2000,
      outputTokens: 1000,
      cacheReadTokens: 10_000,
      cacheWriteTokens: 4000,
      costUsd: 0.039,
    });
  });

  it("takes the cost as reported when the executor gives one, even when a price exists", async () => {
    const { user, project, agent } = await fixture("reported");
    const { cost } = await usedAt({ userId: user.id, projectId: project.id, agentId: agent.id }, { model: "sonnet", inputTokens: 1_000_000, costUsd: 0.1234 });
    expect(cost).toBe(0.1234);
    const zero = await usedAt({ userId: user.id, projectId: project.id, agentId: agent.id }, { model: "sonnet", inputTokens: 1_000_000, costUsd: 0 });
    expect(zero.cost).toBe(0);
  });

  it("records $0 for a model without a price, and uses the run's model when the report names none", async () => {
    const { user, project, agent } = await fixture("unpriced");
    const owner = { userId: user.id, projectId: project.id, agentId: agent.id };
    expect((await usedAt(owner, { model: "llama3.1:8b", inputTokens: 5000, outputTokens: 5000 })).cost).toBe(0);

    const run = await addRun(user.id, project.id, agent.id);
    const cost = await recordRunUsage({ ...owner, runId: run.id, model: "haiku", report: report({ model: null, outputTokens: 1_000_000 }) });
    expect(cost).toBe(5);
    const [row] = await db().select().from(usageRecords).where(eq(usageRecords.runId, run.id));
    expect(row!.model).toBe("haiku");
  });

  it("follows an admin's price edit for runs recorded afterwards", async () => {
    const { user, project, agent } = await fixture("edited");
    const owner = { userId: user.id, projectId: project.id, agentId: agent.id };
    await db().update(models).set({ outputPricePerMtok: 20 }).where(eq(models.name, "gpt-4.1"));
    expect((await usedAt(owner, { model: "gpt-4.1", outputTokens: 1_000_000 })).cost).toBe(20);
  });

  it("keeps one record per run: recording the same run again replaces its numbers", async () => {
    const { user, project, agent } = await fixture("retried");
    const run = await addRun(user.id, project.id, agent.id);
    const base = { userId: user.id, projectId: project.id, agentId: agent.id, runId: run.id };
    await recordRunUsage({ ...base, report: report({ model: "sonnet", inputTokens: 100, costUsd: 1 }) });
    await recordRunUsage({ ...base, report: report({ model: "opus", inputTokens: 300, outputTokens: 7, costUsd: 2.5 }) });
    const rows = await db().select().from(usageRecords).where(eq(usageRecords.runId, run.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model: "opus", inputTokens: 300, outputTokens: 7, costUsd: 2.5 });
    const summary = await usageSummary(user.id, { groupBy: "model" });
    expect(summary.totals).toMatchObject({ inputTokens: 300, costUsd: 2.5, runs: 1 });
  });

  it("never rewrites another user's record for the same run id", async () => {
    const alice = await fixture("owner");
    const mallory = await fixture("intruder");
    const run = await addRun(alice.user.id, alice.project.id, alice.agent.id);
    await recordRunUsage({ userId: alice.user.id, runId: run.id, report: report({ inputTokens: 10, costUsd: 1 }) });
    await recordRunUsage({ userId: mallory.user.id, runId: run.id, report: report({ inputTokens: 99, costUsd: 99 }) });
    const rows = await db().select().from(usageRecords).where(eq(usageRecords.runId, run.id));
    expect(rows).toEqual([expect.objectContaining({ userId: alice.user.id, inputTokens: 10, costUsd: 1 })]);
  });

  it("stores negative or fractional token counts as sane integers", async () => {
    const { user, project } = await fixture("messy");
    const { run } = await usedAt({ userId: user.id, projectId: project.id, agentId: null }, { inputTokens: -5, outputTokens: 2.6, costUsd: Number.NaN });
    const [row] = await db().select().from(usageRecords).where(eq(usageRecords.runId, run.id));
    expect(row).toMatchObject({ inputTokens: 0, outputTokens: 3 });
  });
});

describe("usageSummary", () => {
  it("sums tokens, cost and runs by day, model, project and agent, for the caller only", async () => {
    const { user, project: web, agent: coder } = await fixture("summary");
    const api = await addProject(user.id, "API, \"v2\"");
    const reviewer = await addAgent(user.id, "Reviewer");
    const a = { userId: user.id, projectId: web.id, agentId: coder.id };
    const b = { userId: user.id, projectId: api.id, agentId: reviewer.id };
    await usedAt(a, { model: "sonnet", inputTokens: 100, outputTokens: 10, cacheReadTokens: 1, cacheWriteTokens: 2, costUsd: 1 }, daysAgo(2, "00:00:00.000"));
    await usedAt(a, { model: "sonnet", inputTokens: 200, outputTokens: 20, costUsd: 2 }, daysAgo(2, "23:59:59.999"));
    await usedAt(b, { model: "gpt-4.1", inputTokens: 1000, outputTokens: 100, costUsd: 0.5 }, daysAgo(2, "10:00:00.000"));
    await usedAt(b, { model: "sonnet", inputTokens: 50, outputTokens: 5, costUsd: 4 }, daysAgo(0, "01:00:00.000"));
    // Outside the default 30 days: never counted.
    await usedAt(a, { model: "sonnet", inputTokens: 9999, costUsd: 99 }, daysAgo(45));

    // Someone else's usage, on the same days and models, must never show up.
    const other = await fixture("other");
    await usedAt({ userId: other.user.id, projectId: other.project.id, agentId: other.agent.id }, { model: "sonnet", inputTokens: 777, costUsd: 7 }, daysAgo(2));

    const byDay = await usageSummary(user.id);
    expect(byDay.groupBy).toBe("day");
    expect(byDay.data).toEqual([
      { key: daysAgo(2).slice(0, 10), name: daysAgo(2).slice(0, 10), inputTokens: 1300, outputTokens: 130, cacheReadTokens: 1, cacheWriteTokens: 2, costUsd: 3.5, runs: 3 },
      { key: today, name: today, inputTokens: 50, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 4, runs: 1 },
    ]);
    expect(byDay.totals).toEqual({ inputTokens: 1350, outputTokens: 135, cacheReadTokens: 1, cacheWriteTokens: 2, costUsd: 7.5, runs: 4 });

    const byModel = await usageSummary(user.id, { groupBy: "model" });
    expect(byModel.data.map((r) => [r.key, r.costUsd, r.runs, r.inputTokens])).toEqual([
      ["sonnet", 7, 3, 350],
      ["gpt-4.1", 0.5, 1, 1000],
    ]);

    const byProject = await usageSummary(user.id, { groupBy: "project" });
    expect(byProject.data.map((r) => [r.key, r.name, r.costUsd, r.runs])).toEqual([
      [api.id, "API, \"v2\"", 4.5, 2],
      [web.id, "summary project", 3, 2],
    ]);

    const byAgent = await usageSummary(user.id, { groupBy: "agent" });
    expect(byAgent.data.map((r) => [r.key, r.name, r.costUsd, r.runs, r.outputTokens])).toEqual([
      [reviewer.id, "Reviewer", 4.5, 2, 105],
      [coder.id, "summary agent", 3, 2, 30],
    ]);

    // An explicit range: a date `to` includes that whole day.
    const twoDaysAgo = daysAgo(2).slice(0, 10);
    const oneDay = await usageSummary(user.id, { from: twoDaysAgo, to: twoDaysAgo, groupBy: "model" });
    expect(oneDay.from).toBe(`${twoDaysAgo}T00:00:00.000Z`);
    expect(oneDay.totals).toMatchObject({ runs: 3, costUsd: 3.5 });
    const older = await usageSummary(user.id, { from: daysAgo(60).slice(0, 10), to: daysAgo(30).slice(0, 10) });
    expect(older.totals).toMatchObject({ runs: 1, inputTokens: 9999 });

    // The admin scope sees everyone; a user scope only its own.
    const all = await usageSummaryFor({ all: true }, { from: twoDaysAgo, to: twoDaysAgo });
    expect(all.totals.inputTokens).toBeGreaterThanOrEqual(1300 + 777);
    const others = await usageSummary(other.user.id, { groupBy: "project" });
    expect(others.data).toEqual([expect.objectContaining({ key: other.project.id, inputTokens: 777, runs: 1 })]);
  });

  it("keeps usage of a deleted agent as one row with a null key and name", async () => {
    const { user, project } = await fixture("deleted");
    const gone = await addAgent(user.id, "Gone");
    const gone2 = await addAgent(user.id, "Gone too");
    await usedAt({ userId: user.id, projectId: project.id, agentId: gone.id }, { costUsd: 1, inputTokens: 1 });
    await usedAt({ userId: user.id, projectId: project.id, agentId: gone2.id }, { costUsd: 2, inputTokens: 2 });
    await db().delete(agents).where(eq(agents.userId, user.id));
    const byAgent = await usageSummary(user.id, { groupBy: "agent" });
    expect(byAgent.data).toEqual([expect.objectContaining({ key: null, name: null, costUsd: 3, runs: 2, inputTokens: 3 })]);
    expect((await db().select().from(projects).where(eq(projects.id, project.id))).length).toBe(1);
  });

  it("answers zeros and no rows when there is no usage", async () => {
    const { user } = await fixture("empty");
    for (const groupBy of ["day", "model", "project", "agent"] as const) {
      const summary = await usageSummary(user.id, { groupBy });
      expect(summary.data).toEqual([]);
      expect(summary.totals).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, runs: 0 });
    }
  });
});

describe("usageByModelPerDay", () => {
  it("splits each day by model, oldest first, for the caller only", async () => {
    const { user, project, agent } = await fixture("chart");
    const owner = { userId: user.id, projectId: project.id, agentId: agent.id };
    await usedAt(owner, { model: "sonnet", costUsd: 1, outputTokens: 1 }, daysAgo(3));
    await usedAt(owner, { model: "opus", costUsd: 2, outputTokens: 2 }, daysAgo(3));
    await usedAt(owner, { model: "opus", costUsd: 3, outputTokens: 3 }, daysAgo(3));
    await usedAt(owner, { model: "sonnet", costUsd: 4, outputTokens: 4 }, daysAgo(1));
    const other = await fixture("chart-other");
    await usedAt({ userId: other.user.id, projectId: other.project.id, agentId: null }, { model: "opus", costUsd: 50 }, daysAgo(3));

    const chart = await usageByModelPerDay(user.id, { from: daysAgo(6).slice(0, 10) });
    expect(chart.data.map((r) => [r.day, r.model, r.costUsd, r.runs, r.outputTokens])).toEqual([
      [daysAgo(3).slice(0, 10), "opus", 5, 2, 5],
      [daysAgo(3).slice(0, 10), "sonnet", 1, 1, 1],
      [daysAgo(1).slice(0, 10), "sonnet", 4, 1, 4],
    ]);
  });
});
