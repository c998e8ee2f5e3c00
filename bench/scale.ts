/**
 * The seed's scale: one user holding 1,000 projects, 100,000 tasks and
 * 1,000,000 finished runs with their usage records, loaded into a fresh
 * DATA_DIR through the app's own schema; then every list, detail and
 * statistics endpoint over real HTTP against `next start`, and the main
 * pages' server render, p50/p95 of 30 requests each (after 3 warm-ups).
 *
 *   NEXT_DIST_DIR=.next-scale npx next build            # any production build
 *   NEXT_DIST_DIR=.next-scale npx tsx --conditions=react-server bench/scale.ts [runs=1000000] [port=3207] [dir=<DATA_DIR>]
 *
 * The 10x variant: `runs=10000000` (tasks and projects stay at the seed's
 * 100,000 and 1,000; about 10x the load time and disk; not run in CI).
 * `dir=` reuses a DATA_DIR loaded by an earlier run (its volumes are kept;
 * the timings run again), else a temporary one is made and removed.
 * `measure=0` stops after loading (with `dir=`, to measure later).
 * Baselines from the same run: the same server answering a 404 for an
 * unknown /api/v1 path (HTTP + routing, no database), an unauthenticated
 * page redirect and /settings (the signed-in layout around a small form: the
 * page floor), and a bare primary-key SELECT on the same database file for
 * the data-layer lookup. The build must hold the pages measured: a full
 * `next build`, or `--debug-build-paths` naming dashboard, runs, usage,
 * projects, board, settings, api/v1 and api/auth.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startNextServer } from "./next-server";
import { loadVolumes } from "./scale-load";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=", 2) as [string, string]));
const RUNS = Number(args.runs ?? 1_000_000);
const PORT = Number(args.port ?? 3207);
const SAMPLES = 30;
const distDir = process.env.NEXT_DIST_DIR || ".next";
const reuse = Boolean(args.dir);
const dataDir = args.dir ? path.resolve(args.dir) : fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-scale-"));
fs.mkdirSync(dataDir, { recursive: true });
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95) };
}
const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1)).padStart(8);

async function prepare() {
  const { configureDatabase } = await import("../lib/server/database");
  configureDatabase();
  const { migrateDatabase } = await import("../db/migrate");
  const { dbClient } = await import("../db/client");
  const { createUser } = await import("../lib/users/users");
  const { createApiToken } = await import("../lib/tokens/tokens");
  const { createSession } = await import("../lib/auth/sessions");
  const { authSecret } = await import("../lib/config");
  const { encode } = await import("next-auth/jwt");
  await migrateDatabase();
  const client = dbClient();
  const existing = await client.execute("SELECT id FROM users WHERE email = 'scale@example.test'");
  let userId = existing.rows[0]?.id as string | undefined;
  if (!userId) {
    // The first account is the admin; the measured one is an ordinary PRO user.
    const other = (await createUser({ email: "other@example.test", name: "Other" }))!;
    const user = (await createUser({ email: "scale@example.test", name: "Scale" }))!;
    userId = user.id;
    await client.execute({ sql: "UPDATE users SET plan = 'PRO' WHERE id = ?", args: [userId] });
    console.log(`Loading into ${dataDir} (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`);
    const t0 = performance.now();
    const loaded = await loadVolumes(client, { userId, otherUserId: other.id }, { projects: 1_000, agents: 20, tasks: 100_000, runs: RUNS });
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    await client.execute("ANALYZE");
    const size = fs.statSync(path.join(dataDir, "switchboard.db")).size;
    console.log(`Loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(size / 2 ** 20).toFixed(0)} MiB`);
    void loaded;
  } else if (!reuse) {
    throw new Error("unexpected: a fresh DATA_DIR already holds the scale user");
  }
  const token = (await createApiToken(userId, `bench ${Date.now()}`)).value;
  const sessionCookie = async (id: string) =>
    encode({ token: { sid: await createSession(id, {}), sub: id }, secret: authSecret(), salt: "authjs.session-token" });
  const cookie = await sessionCookie(userId);
  // The first account (the small one) is the admin.
  const adminCookie = await sessionCookie((await client.execute("SELECT id FROM users WHERE email = 'other@example.test'")).rows[0]!.id as string);
  const pick = async (sql: string) => (await client.execute({ sql, args: [userId] })).rows[0]![0] as string;
  const runs = Number((await client.execute({ sql: "SELECT count(*) FROM agent_runs WHERE user_id = ?", args: [userId] })).rows[0]![0]);
  const ids = {
    runs,
    run: await pick(`SELECT id FROM agent_runs WHERE user_id = ? ORDER BY id DESC LIMIT 1 OFFSET ${Math.floor(runs / 2)}`),
    middleCursor: await pick(`SELECT id FROM agent_runs WHERE user_id = ? ORDER BY id DESC LIMIT 1 OFFSET ${Math.floor(runs * 0.4)}`),
    project: await pick("SELECT id FROM projects WHERE user_id = ? ORDER BY id LIMIT 1 OFFSET 500"),
    agent: await pick("SELECT id FROM agents WHERE user_id = ? ORDER BY id LIMIT 1 OFFSET 5"),
    task: await pick("SELECT id FROM tasks WHERE user_id = ? ORDER BY id LIMIT 1 OFFSET 50000"),
  };
  return { userId, token, cookie, adminCookie, ids };
}

/** Lookup by id at the data layer (no HTTP): the app's getRunForUser against a bare primary-key SELECT. */
async function dataLayer(userId: string, runId: string) {
  const { getRunForUser } = await import("../lib/runs/runs");
  const { dbClient } = await import("../db/client");
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return stats(samples);
  };
  const app = await time(() => getRunForUser(userId, runId));
  const bare = await time(() => dbClient().execute({ sql: "SELECT * FROM agent_runs WHERE id = ?", args: [runId] }));
  console.log(`\nData layer, p50 / p95 ms (n=${SAMPLES})`);
  console.log(`  getRunForUser (run joined with its project and agent) ${fmt(app.p50)} ${fmt(app.p95)}`);
  console.log(`  baseline: SELECT * FROM agent_runs WHERE id = ?        ${fmt(bare.p50)} ${fmt(bare.p95)}`);

  // The board's columns: every first page with the cards' details, and "Show more" deep in the longest column.
  const { boardColumns, boardColumnPage } = await import("../lib/tasks/board-columns");
  const deep = (
    await dbClient().execute({
      sql: `SELECT priority, position, id FROM tasks WHERE user_id = ? AND parent_task_id IS NULL AND status = 'done'
            ORDER BY priority DESC, position, id DESC LIMIT 1 OFFSET 16000`,
      args: [userId],
    })
  ).rows[0]!;
  const after = { priority: Number(deep.priority), position: Number(deep.position), id: String(deep.id) };
  const columns = await time(() => boardColumns(userId));
  const page = await time(() => boardColumnPage(userId, "done", {}, after));
  console.log(`  boardColumns (six first pages of 50, with tags, subtasks, attempts) ${fmt(columns.p50)} ${fmt(columns.p95)}`);
  console.log(`  boardColumnPage "done" after its 16,000th card (Show more)       ${fmt(page.p50)} ${fmt(page.p95)}`);
}


async function main() {
  const { userId, token, cookie, adminCookie, ids } = await prepare();
  await dataLayer(userId, ids.run);
  if (args.measure === "0") process.exit(0); // load only (then run again with dir=)
  const { closeDb } = await import("../db/client");
  closeDb();

  const server = await startNextServer(PORT, distDir, { DATA_DIR: dataDir, SANDBOX: "off" });
  const base = `http://localhost:${PORT}`;
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const api: Record<string, string> = {
    "404 for an unknown /api/v1 path (baseline)": "/api/v1/no-such-thing",
    "GET /api/v1/me (plan usage counts)": "/api/v1/me",
    "GET /api/v1/runs?limit=50 (first page)": "/api/v1/runs?limit=50",
    [`GET /api/v1/runs?limit=50&cursor= (page ${Math.floor((ids.runs * 0.4) / 50).toLocaleString("en-US")})`]: `/api/v1/runs?limit=50&cursor=${ids.middleCursor}`,
    "GET /api/v1/runs?status=failed&limit=50": "/api/v1/runs?status=failed&limit=50",
    "GET /api/v1/runs?projectId=&limit=50": `/api/v1/runs?projectId=${ids.project}&limit=50`,
    "GET /api/v1/runs?agentId=&limit=50": `/api/v1/runs?agentId=${ids.agent}&limit=50`,
    "GET /api/v1/runs/:id": `/api/v1/runs/${ids.run}`,
    "GET /api/v1/tasks?projectId= (100 tasks)": `/api/v1/tasks?projectId=${ids.project}`,
    "GET /api/v1/tasks?limit=100 (all projects)": "/api/v1/tasks?limit=100",
    "GET /api/v1/tasks/:id": `/api/v1/tasks/${ids.task}`,
    "GET /api/v1/projects?limit=100": "/api/v1/projects?limit=100",
    "GET /api/v1/projects/:id": `/api/v1/projects/${ids.project}`,
    "GET /api/v1/agents": "/api/v1/agents",
    "GET /api/v1/usage (last 30 days, by day)": "/api/v1/usage",
    "GET /api/v1/usage?groupBy=day, this year": `/api/v1/usage?groupBy=day&from=${year}-01-01&to=${today}`,
    "GET /api/v1/usage?groupBy=model, this year": `/api/v1/usage?groupBy=model&from=${year}-01-01&to=${today}`,
    "GET /api/v1/usage?groupBy=project, this year": `/api/v1/usage?groupBy=project&from=${year}-01-01&to=${today}`,
    "GET /api/v1/usage?groupBy=agent, this year": `/api/v1/usage?groupBy=agent&from=${year}-01-01&to=${today}`,
    "GET /api/v1/usage?groupBy=provider, this year": `/api/v1/usage?groupBy=provider&from=${year}-01-01&to=${today}`,
    "GET /api/v1/usage?groupBy=model, instants (edges from raw rows)": `/api/v1/usage?groupBy=model&from=${year}-01-01T09:30:00Z&to=${today}T12:00:00Z`,
  };
  const pages = {
    "unauthenticated /dashboard → redirect (baseline)": ["/dashboard", false],
    "/settings (signed-in layout, small page: baseline)": ["/settings", true],
    "/dashboard": ["/dashboard", true],
    "/runs": ["/runs", true],
    "/usage": ["/usage", true],
    "/usage?days=90": ["/usage?days=90", true],
    "/projects": ["/projects", true],
    "/board?projectId= (100 cards, 1,000 projects in the pickers)": [`/board?projectId=${ids.project}`, true],
    "/board (each column's first 50 of 100,000 cards)": ["/board", true],
    "/runs/:id": [`/runs/${ids.run}`, true],
    "/projects/:id": [`/projects/${ids.project}`, true],
    "/agents": ["/agents", true],
    "/agents/:id": [`/agents/${ids.agent}`, true],
    "/ideas": ["/ideas", true],
    "/chat": ["/chat", true],
    "/links": ["/links", true],
    "/trash": ["/trash", true],
    "/billing (plan meters)": ["/billing", true],
    "/admin/users (admin)": ["/admin/users", "admin"],
    "/admin/users/:id (the 1M-run user, admin)": [`/admin/users/${userId}`, "admin"],
    "/admin/usage (every user, admin)": ["/admin/usage", "admin"],
    "/admin/jobs (admin)": ["/admin/jobs", "admin"],
    "/admin/audit (admin)": ["/admin/audit", "admin"],
  } as const;
  let bytes = 0; // the last response's size: what a page sends matters as much as how fast
  const measure = async (url: string, headers: Record<string, string>, expect: number) => {
    const run = async () => {
      const t0 = performance.now();
      const res = await fetch(base + url, { headers, redirect: "manual" });
      bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== expect) throw new Error(`${url}: ${res.status}, expected ${expect}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 3; i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await run());
    return stats(samples);
  };
  try {
    console.log(`\nHTTP against next start, p50 / p95 ms (n=${SAMPLES}; load ${os.loadavg()[0]!.toFixed(1)})`);
    for (const [label, url] of Object.entries(api)) {
      const { p50, p95 } = await measure(url, { authorization: `Bearer ${token}` }, url.includes("no-such") ? 404 : 200);
      console.log(`  ${label.padEnd(66)} ${fmt(p50)} ${fmt(p95)}`);
    }
    console.log(`\nPages (server render, whole HTML), p50 / p95 ms (n=${SAMPLES}; load ${os.loadavg()[0]!.toFixed(1)}), HTML KiB`);
    for (const [label, [url, signedIn]] of Object.entries(pages)) {
      const session = signedIn === "admin" ? adminCookie : signedIn ? cookie : null;
      const headers: Record<string, string> = session ? { cookie: `authjs.session-token=${session}` } : {};
      const { p50, p95 } = await measure(url, headers, signedIn ? 200 : 307);
      console.log(`  ${label.padEnd(66)} ${fmt(p50)} ${fmt(p95)} ${fmt(bytes / 1024)}`);
    }
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
