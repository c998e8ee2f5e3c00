/**
 * Loads the seed's volumes into the app's database (bench/scale.ts drives it):
 * one user with `projects` projects, `tasks` tasks, `runs` finished runs and
 * one usage record per run, spread over the last 365 days, plus a second small
 * account so scoping is exercised. Everything goes through the app's migrated
 * schema (indexes and the usage rollup triggers included) with multi-row
 * INSERTs, `rowsPerTx` rows per transaction.
 */
import type { Client, InStatement } from "@libsql/client";
import { yieldToEventLoop } from "../db/client";

export type Volumes = { projects: number; agents: number; tasks: number; runs: number };
export type Loaded = { userId: string; otherUserId: string; projectIds: string[]; agentIds: string[]; seconds: Record<string, number> };

const DAY_MS = 86_400_000;
export const SPAN_MS = 365 * DAY_MS;
const MODELS = ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5", "gemini-2.5-pro", "qwen3-coder"];
const EXECUTORS = ["claude-code", "codex", "gemini", "openai-compatible", "script"] as const;
const TASK_STATUSES = ["queued", "in_progress", "review", "blocked", "done", "cancelled"];

/** A UUIDv7 for instant `ms` (the app's ids are time-ordered, so ids and times must agree). */
export function uuidV7At(ms: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const big = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((big >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Deterministic small PRNG so two loads of the same size hold the same shape of data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** INSERT statements of up to `perStatement` rows each. */
function inserts(table: string, columns: string[], rows: unknown[][], perStatement: number): InStatement[] {
  const out: InStatement[] = [];
  const one = `(${columns.map(() => "?").join(",")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    out.push({
      sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${chunk.map(() => one).join(",")}`,
      args: chunk.flat() as InStatement extends { args?: infer A } ? A : never,
    });
  }
  return out;
}

const RUN_COLUMNS = [
  "id", "user_id", "agent_id", "project_id", "task", "model", "executor", "status", "exit_code", "error",
  "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd", "last_seq",
  "created_at", "started_at", "completed_at", "output",
];
const USAGE_COLUMNS = [
  "id", "user_id", "project_id", "agent_id", "run_id", "model",
  "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd", "created_at",
];
const TASK_COLUMNS = ["id", "user_id", "project_id", "title", "description", "type", "status", "priority", "assigned_agent_id", "position", "created_at", "updated_at"];

export async function loadVolumes(
  client: Client,
  ids: { userId: string; otherUserId: string },
  v: Volumes,
  { now = Date.now(), rowsPerTx = 10_000, log = (line: string) => console.log(line) } = {},
): Promise<Loaded> {
  const random = rng(14);
  const seconds: Record<string, number> = {};
  const start = now - SPAN_MS;
  const timed = async (label: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    seconds[label] = (performance.now() - t0) / 1000;
    log(`  ${label}: ${seconds[label]!.toFixed(1)} s`);
  };
  await client.execute("PRAGMA cache_size = -262144");

  const projectIds: string[] = [];
  const agentIds: string[] = [];
  await timed(`${v.projects} projects, ${v.agents} agents`, async () => {
    const projects: unknown[][] = [];
    for (let i = 0; i < v.projects; i++) {
      const at = new Date(start - (v.projects - i) * 60_000).toISOString();
      const id = uuidV7At(Date.parse(at));
      projectIds.push(id);
      projects.push([id, ids.userId, `project-${String(i).padStart(4, "0")}`, `/srv/projects/project-${i}`, 0, "{}", at, at]);
    }
    const agents: unknown[][] = [];
    for (let i = 0; i < v.agents; i++) {
      const at = new Date(start - (v.agents - i) * 60_000).toISOString();
      const id = uuidV7At(Date.parse(at));
      agentIds.push(id);
      agents.push([id, ids.userId, `agent-${i}`, MODELS[i % MODELS.length], EXECUTORS[i % EXECUTORS.length], at, at]);
    }
    const other = uuidV7At(start);
    await client.batch(
      [
        ...inserts("projects", ["id", "user_id", "name", "path", "is_workspace", "config", "created_at", "updated_at"], projects, 200),
        { sql: "INSERT INTO projects (id, user_id, name, path) VALUES (?, ?, 'other', '/srv/other')", args: [other, ids.otherUserId] },
        ...inserts("agents", ["id", "user_id", "name", "model", "executor", "created_at", "updated_at"], agents, 200),
      ],
      "write",
    );
  });

  await timed(`${v.tasks.toLocaleString("en-US")} tasks`, async () => {
    for (let done = 0; done < v.tasks; ) {
      const rows: unknown[][] = [];
      for (const end = Math.min(v.tasks, done + rowsPerTx); done < end; done++) {
        const ms = start + Math.floor((done / v.tasks) * SPAN_MS);
        const at = new Date(ms).toISOString();
        rows.push([
          uuidV7At(ms), ids.userId, projectIds[done % projectIds.length], `Task ${done}: tidy the module`, "", "feature",
          TASK_STATUSES[done % TASK_STATUSES.length], done % 4, agentIds[done % agentIds.length], done, at, at,
        ]);
      }
      await client.batch(inserts("tasks", TASK_COLUMNS, rows, 200), "write");
      await yieldToEventLoop(); // frees the statements (db/client.ts)
    }
  });

  await timed(`${v.runs.toLocaleString("en-US")} runs and their usage records`, async () => {
    const step = SPAN_MS / v.runs;
    const prunedBefore = now - 181 * DAY_MS;
    const pruned = JSON.stringify({ logPruned: true, logPrunedAt: new Date(now).toISOString() });
    for (let done = 0; done < v.runs; ) {
      const runs: unknown[][] = [];
      const usage: unknown[][] = [];
      for (const end = Math.min(v.runs, done + rowsPerTx); done < end; done++) {
        const ms = Math.floor(start + done * step);
        const created = new Date(ms).toISOString();
        const completed = new Date(ms + 1000 + Math.floor(random() * 60_000)).toISOString();
        const agent = Math.floor(random() * agentIds.length);
        const model = MODELS[agent % MODELS.length]!;
        const failed = random() < 0.05;
        const input = Math.floor(random() * 20_000);
        const output = Math.floor(random() * 4_000);
        const cost = Math.round((input * 3 + output * 15) / 1000) / 1000;
        const runId = uuidV7At(ms);
        const project = projectIds[Math.floor(random() * projectIds.length)];
        runs.push([
          runId, ids.userId, agentIds[agent], project, `Fix the failing test in module ${done % 997}`, model,
          EXECUTORS[agent % EXECUTORS.length], failed ? "failed" : "completed", failed ? 1 : 0, failed ? "exit code 1" : null,
          input, output, 0, 0, cost, 0, created, created, completed,
          // A year-old installation pruned its PRO logs daily along the way (lib/runs/retention.ts).
          ms < prunedBefore ? pruned : null,
        ]);
        usage.push([uuidV7At(ms + 1000), ids.userId, project, agentIds[agent], runId, model, input, output, 0, 0, cost, completed]);
      }
      await client.batch([...inserts("agent_runs", RUN_COLUMNS, runs, 100), ...inserts("usage_records", USAGE_COLUMNS, usage, 150)], "write");
      await yieldToEventLoop(); // frees the statements (db/client.ts)
      if (done % 100_000 === 0) log(`    ${done.toLocaleString("en-US")} runs (rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`);
    }
  });
  return { ...ids, projectIds, agentIds, seconds };
}
