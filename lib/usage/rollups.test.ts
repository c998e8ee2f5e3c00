import { spawn } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, agents, projects, usageRecords } from "@/db/schema";
import { roundUsd } from "./prices";
import { resolveRange } from "./range";
import { USAGE_GROUPS, type UsageGroupBy } from "./schemas";
import { addAgent, addProject, addRun, fixture, report } from "./test-helpers";
import { recordRunUsage, usageByModelPerDay, usageSummary } from "./usage";

/*
 * The reports read usage_rollups; these tests check them against the raw
 * usage_records they summarise, aggregated here the old way (GROUP BY over
 * every record), after writes of every kind.
 */

type Raw = { key: string | null; name: string | null; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number; costUsd: number; runs: number };

async function rawAggregate(userId: string, range: { from?: string; to?: string }, groupBy: UsageGroupBy) {
  const { from, to } = resolveRange(range);
  const keys = {
    day: { key: sql`substr(u.created_at, 1, 10)`, name: sql`substr(u.created_at, 1, 10)`, order: sql`1` },
    model: { key: sql`u.model`, name: sql`u.model`, order: sql`costUsd DESC, tokens DESC, u.model` },
    project: { key: sql`u.project_id`, name: sql`max(p.name)`, order: sql`costUsd DESC, tokens DESC, max(p.name)` },
    agent: { key: sql`u.agent_id`, name: sql`max(a.name)`, order: sql`costUsd DESC, tokens DESC, max(a.name)` },
    provider: {
      key: sql`nullif(u.provider, '')`,
      name: sql`CASE u.provider WHEN '' THEN NULL WHEN 'anthropic' THEN 'Anthropic' WHEN 'openai' THEN 'OpenAI' WHEN 'google' THEN 'Google' ELSE u.provider END`,
      order: sql`costUsd DESC, tokens DESC, u.provider`,
    },
  }[groupBy];
  const rows = await db().all<Raw & { tokens: number }>(sql`
    SELECT ${keys.key} AS key, ${keys.name} AS name, sum(u.input_tokens) AS inputTokens, sum(u.output_tokens) AS outputTokens,
      sum(u.cache_read_tokens) AS cacheReadTokens, sum(u.cache_write_tokens) AS cacheWriteTokens, sum(u.cost_usd) AS costUsd,
      count(u.run_id) AS runs, sum(u.input_tokens + u.output_tokens) AS tokens
    FROM usage_records u LEFT JOIN projects p ON p.id = u.project_id LEFT JOIN agents a ON a.id = u.agent_id
    WHERE u.user_id = ${userId} AND u.created_at >= ${from} AND u.created_at < ${to}
    GROUP BY ${keys.key} ORDER BY ${keys.order}`);
  return rows.map(({ tokens: _tokens, ...row }) => ({ ...row, costUsd: roundUsd(row.costUsd) }));
}

const RANGES = [
  {},
  { from: "2026-03-01", to: "2026-03-10" },
  { from: "2026-02-01", to: "2026-03-31" },
  { from: "2026-02-14T22:00:00Z", to: "2026-04-09T06:30:00Z" },
  { from: "2026-01-01", to: "2026-12-31" },
  { from: "2026-03-02T13:30:00Z", to: "2026-03-07T04:00:00Z" },
  { from: "2026-03-04T01:00:00Z", to: "2026-03-04T23:00:00Z" },
  { from: "2026-02-01", to: "2026-04-30" },
];

async function expectRollupsEqualRaw(userId: string) {
  for (const range of RANGES) {
    for (const groupBy of USAGE_GROUPS) {
      const summary = await usageSummary(userId, { ...range, groupBy });
      expect(summary.data, `${groupBy} ${JSON.stringify(range)}`).toEqual(await rawAggregate(userId, range, groupBy));
      const [totals] = await rawAggregate(userId, range, "day").then((rows) => [
        rows.reduce(
          (t, r) => ({
            inputTokens: t.inputTokens + r.inputTokens,
            outputTokens: t.outputTokens + r.outputTokens,
            cacheReadTokens: t.cacheReadTokens + r.cacheReadTokens,
            cacheWriteTokens: t.cacheWriteTokens + r.cacheWriteTokens,
            costUsd: roundUsd(t.costUsd + r.costUsd),
            runs: t.runs + r.runs,
          }),
          { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, runs: 0 },
        ),
      ]);
      expect(summary.totals).toEqual(totals);
    }
    const perDay = await usageByModelPerDay(userId, range);
    const raw = await db().all<{ day: string; model: string; runs: number }>(sql`
      SELECT substr(created_at, 1, 10) AS day, model, count(run_id) AS runs FROM usage_records
      WHERE user_id = ${userId} AND created_at >= ${perDay.from} AND created_at < ${perDay.to} GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(perDay.data.map(({ day, model, runs }) => ({ day, model, runs }))).toEqual(raw);
  }
}

describe("usage rollups", () => {
  it("equal aggregating the raw records after concurrent records, retries, moved times and deletions", async () => {
    const { user, project, agent } = await fixture("rollup");
    const project2 = await addProject(user.id, "second project");
    const agent2 = await addAgent(user.id, "second agent");
    const models = ["claude-sonnet-4-5", "gpt-5", "gemini-2.5-pro", "qwen3-coder"];
    // Providers as execute.ts records them: the providers' own APIs, two OpenAI-compatible hosts, none (scripts).
    const providers = ["anthropic", "openai", "127.0.0.1:8000", "ollama.lan:11434", "", "google"];
    // 240 runs recorded all at once (the in-process pool interleaves them), over 70 days from February 10.
    const runs = await Promise.all(
      Array.from({ length: 240 }, async (_, i) => {
        const owner = { userId: user.id, projectId: i % 3 ? project.id : project2.id, agentId: i % 5 ? agent.id : agent2.id };
        const run = await addRun(owner.userId, owner.projectId, owner.agentId);
        await recordRunUsage({ ...owner, runId: run.id, provider: providers[i % 6], report: report({ model: models[i % 4], inputTokens: 1000 + i, outputTokens: 10 * i, cacheReadTokens: i % 7, cacheWriteTokens: i % 3, costUsd: 0.0001 * (i + 1) }) });
        const at = new Date(Date.UTC(2026, 1, 10 + (i % 70), i % 24, (i * 7) % 60)).toISOString();
        await db().update(usageRecords).set({ createdAt: at }).where(eq(usageRecords.runId, run.id));
        return { run, owner, i };
      }),
    );
    await expectRollupsEqualRaw(user.id);

    // A retried job records its run again: the new numbers replace the old ones, in the rollups too.
    await Promise.all(
      runs.slice(0, 30).map(({ run, owner, i }) =>
        recordRunUsage({ ...owner, runId: run.id, provider: providers[(i + 1) % 6], report: report({ model: models[(i + 1) % 4], inputTokens: 5, outputTokens: 6, costUsd: 0.5 }) }),
      ),
    );
    // Deleting a project, an agent and a run sets their ids on the records to NULL (a deleted project's usage is one null row).
    await db().delete(projects).where(eq(projects.id, project2.id));
    await db().delete(agents).where(eq(agents.id, agent2.id));
    await db().delete(agentRuns).where(eq(agentRuns.id, runs[100]!.run.id));
    // And a record removed outright (as a user's deletion does) leaves no empty group behind.
    await db().delete(usageRecords).where(eq(usageRecords.runId, runs[101]!.run.id));
    await expectRollupsEqualRaw(user.id);
    const byProject = await usageSummary(user.id, { from: "2026-03-01", to: "2026-03-31", groupBy: "project" });
    expect(byProject.data.map((r) => r.name)).toEqual(expect.arrayContaining([null, "rollup project"]));
    const byProvider = await usageSummary(user.id, { from: "2026-02-01", to: "2026-04-30", groupBy: "provider" });
    expect(byProvider.data.map((r) => r.name).sort()).toEqual(["127.0.0.1:8000", "Anthropic", "Google", "OpenAI", "ollama.lan:11434", null].sort());
  }, 60_000);

  it("equal the raw records when two other processes record usage at the same time", async () => {
    const { user, project, agent } = await fixture("processes");
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = () =>
      new Promise<number | null>((resolve) =>
        spawn(tsx, ["--conditions=react-server", "lib/usage/test-recorder-process.ts", user.id, project.id, agent.id, "80"], {
          cwd: process.cwd(),
          env: { ...process.env, DATA_DIR: process.env.DATA_DIR },
          stdio: ["ignore", "inherit", "inherit"],
        }).on("exit", resolve),
      );
    // This process records too while the two children run.
    const here = Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const run = await addRun(user.id, project.id, agent.id);
        await recordRunUsage({ userId: user.id, projectId: project.id, agentId: agent.id, runId: run.id, report: report({ inputTokens: i, costUsd: 0.01 }) });
      }),
    );
    expect(await Promise.all([child(), child(), here.then(() => 0)])).toEqual([0, 0, 0]);
    const summary = await usageSummary(user.id, { groupBy: "model" });
    expect(summary.totals.runs).toBe(200);
    await expectRollupsEqualRaw(user.id);
  }, 90_000);

  it("keeps other users' usage out", async () => {
    const a = await fixture("mine");
    const b = await fixture("theirs");
    const run = await addRun(b.user.id, b.project.id, b.agent.id);
    await recordRunUsage({ userId: b.user.id, projectId: b.project.id, agentId: b.agent.id, runId: run.id, report: report({ inputTokens: 9, costUsd: 1 }) });
    expect((await usageSummary(a.user.id, { groupBy: "model" })).totals.runs).toBe(0);
    expect((await usageSummary(b.user.id, { groupBy: "model" })).data).toHaveLength(1);
  });
});
