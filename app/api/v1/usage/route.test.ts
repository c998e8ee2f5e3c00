import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/tokens/tokens";
import { seedModelPrices } from "@/lib/usage/prices";
import { addAgent, addProject, fixture, usedAt } from "@/lib/usage/test-helpers";
import { GET } from "./route";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/usage";
const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let alice: { auth: string; projectId: string; agentId: string; trickyProjectId: string };
let bob: { auth: string };

function get(query: string, auth: string) {
  return GET(new Request(`${BASE}${query}`, { headers: { authorization: auth } }));
}

function parseCsv(text: string): string[][] {
  // A small RFC 4180 reader, enough to check the quoting round-trips.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

beforeAll(async () => {
  await seedModelPrices(); // gpt-4.1 reports no cost: priced at $2 per million input tokens
  const a = await fixture("api-alice");
  const tricky = await addProject(a.user.id, 'Web, "beta"\nsecond line');
  const formula = await addAgent(a.user.id, "=HYPERLINK(\"x\")");
  const owner = { userId: a.user.id, projectId: a.project.id, agentId: a.agent.id };
  await usedAt(owner, { model: "sonnet", inputTokens: 100, outputTokens: 10, costUsd: 1.25 }, `${day(3)}T09:00:00.000Z`);
  await usedAt(owner, { model: "gpt-4.1", inputTokens: 1_000_000, outputTokens: 0, costUsd: null }, `${day(3)}T10:00:00.000Z`);
  await usedAt({ ...owner, projectId: tricky.id, agentId: formula.id }, { model: "sonnet", inputTokens: 5, costUsd: 0.0000005 }, `${day(1)}T10:00:00.000Z`);
  alice = {
    auth: `Bearer ${(await createApiToken(a.user.id, "test")).value}`,
    projectId: a.project.id,
    agentId: a.agent.id,
    trickyProjectId: tricky.id,
  };

  const b = await fixture("api-bob");
  await usedAt({ userId: b.user.id, projectId: b.project.id, agentId: b.agent.id }, { model: "sonnet", inputTokens: 999, costUsd: 9 }, `${day(3)}T09:00:00.000Z`);
  bob = { auth: `Bearer ${(await createApiToken(b.user.id, "test")).value}` };
});

describe("GET /api/v1/usage", () => {
  it("answers the caller's usage by day with totals, and nothing of anyone else's", async () => {
    const response = await get("", alice.auth);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["data", "from", "groupBy", "to", "totals"]);
    expect(body.groupBy).toBe("day");
    expect(body.to).toBe(`${day(-1)}T00:00:00.000Z`);
    expect(body.from).toBe(`${day(29)}T00:00:00.000Z`);
    expect(body.data).toEqual([
      { key: day(3), name: day(3), inputTokens: 1_000_100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 3.25, runs: 2 },
      { key: day(1), name: day(1), inputTokens: 5, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.000001, runs: 1 },
    ]);
    expect(body.totals).toEqual({ inputTokens: 1_000_105, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 3.250001, runs: 3 });

    const bobs = await (await get("?groupBy=project", bob.auth)).json();
    expect(bobs.data).toHaveLength(1);
    expect(bobs.totals).toMatchObject({ inputTokens: 999, runs: 1 });
  });

  it("groups by model, project and agent, and honours from/to", async () => {
    const byModel = await (await get("?groupBy=model", alice.auth)).json();
    expect(byModel.data.map((r: { key: string; costUsd: number }) => [r.key, r.costUsd])).toEqual([
      ["gpt-4.1", 2],
      ["sonnet", 1.250001],
    ]);
    const byProject = await (await get("?groupBy=project", alice.auth)).json();
    expect(byProject.data.map((r: { key: string }) => r.key)).toEqual([alice.projectId, alice.trickyProjectId]);
    const byAgent = await (await get("?groupBy=agent", alice.auth)).json();
    expect(byAgent.data[0]).toMatchObject({ key: alice.agentId, runs: 2 });

    const oneDay = await (await get(`?from=${day(1)}&to=${day(1)}`, alice.auth)).json();
    expect(oneDay).toMatchObject({ from: `${day(1)}T00:00:00.000Z`, to: `${day(0)}T00:00:00.000Z`, totals: { runs: 1 } });
    const instants = await (await get(`?from=${day(3)}T09:30:00Z&to=${day(3)}T10:30:00%2B00:00`, alice.auth)).json();
    expect(instants.totals).toMatchObject({ runs: 1, inputTokens: 1_000_000 });
  });

  it("answers CSV as a download: a header row, quoted text, fixed-point costs", async () => {
    const response = await get(`?groupBy=project&format=csv&from=${day(10)}&to=${day(0)}`, alice.auth);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="usage-by-project-${day(10)}-to-${day(0)}.csv"`);
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe("project_id,project,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs");
    expect(text).toContain('"Web, ""beta""\nsecond line"');
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ["project_id", "project", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd", "runs"],
      [alice.projectId, "api-alice project", "1000100", "10", "0", "0", "3.250000", "2"],
      [alice.trickyProjectId, 'Web, "beta"\nsecond line', "5", "0", "0", "0", "0.000001", "1"],
    ]);

    const agents = parseCsv(await (await get("?groupBy=agent&format=csv", alice.auth)).text());
    expect(agents[0]!.slice(0, 2)).toEqual(["agent_id", "agent"]);
    // A name a spreadsheet would run as a formula is defused.
    expect(agents.map((r) => r[1])).toContain("'=HYPERLINK(\"x\")");

    const days = await (await get("?format=csv", alice.auth)).text();
    expect(days.split("\r\n")[0]).toBe("date,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs");
    expect(days.split("\r\n")[1]).toBe(`${day(3)},1000100,10,0,0,3.250000,2`);
  });

  it("answers an empty CSV with its header when there is no usage", async () => {
    const text = await (await get(`?format=csv&groupBy=model&from=2001-01-01&to=2001-01-31`, alice.auth)).text();
    expect(text).toBe("model,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs\r\n");
  });

  it("answers 400 with fields for from after to, a bad groupBy, format or date", async () => {
    const cases: [string, string[]][] = [
      [`?from=${day(1)}&to=${day(3)}`, ["to"]],
      [`?from=${day(1)}T10:00:00Z&to=${day(1)}T10:00:00Z`, ["to"]],
      ["?groupBy=week", ["groupBy"]],
      ["?format=xml", ["format"]],
      ["?from=yesterday&to=2026-13-45", ["from", "to"]],
      ["?from=2026-11-01T10:00:00", ["from"]],
    ];
    for (const [query, fields] of cases) {
      const response = await get(query, alice.auth);
      expect(response.status, query).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("validation");
      expect(Object.keys(error.fields).sort(), query).toEqual(fields);
    }
  });

  it("answers 401 without a token", async () => {
    expect((await get("", "")).status).toBe(401);
    expect((await get("", "Bearer sb_nope")).status).toBe(401);
  });
});
