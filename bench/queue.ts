/**
 * Queue benchmark: enqueue -> handler start latency (in-process) and claim
 * throughput, each next to a baseline measured in the same run on the same disk.
 *
 *   npx tsx --conditions=react-server bench/queue.ts
 *
 * Uses its own temporary DATA_DIR; takes well under 30 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Client } from "@libsql/client";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-queue-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

// Sized for a disk where a commit's fsync costs several ms; the NORMAL pass uses 3x the claims and jobs.
const N_LATENCY = Number(process.env.BENCH_N ?? 200);
const N_CLAIMS = Number(process.env.BENCH_CLAIMS ?? 300);
const N_JOBS = Number(process.env.BENCH_JOBS ?? 200);

const quiet = { info: () => {}, warn: () => {}, error: console.error };

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p99: quantile(s, 0.99) };
}
const ms = (n: number) => `${n.toFixed(2)} ms`;
const perSec = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function row(label: string, value: string, baselineLabel: string, baseline: string, r: string) {
  console.log(`${label.padEnd(44)} ${value.padStart(12)}   | ${baselineLabel.padEnd(44)} ${baseline.padStart(12)}   | ${r}`);
}

type Sync = "FULL" | "NORMAL";
type Sizes = { latency: number; claims: number; jobs: number };

async function suite(sync: Sync, n: Sizes) {
  const { openClient, dbClient } = await import("@/db/client");
  const { claimJob, enqueue } = await import("@/lib/queue/queue");
  const { startWorker } = await import("@/lib/queue/worker");
  const client = dbClient();
  // PRAGMA synchronous is per connection. Eight calls at once borrow all eight of the
  // pool's connections (db/client.ts opens it with concurrency 8); checked at the end.
  const everyConnection = (sql: string) => Promise.all(Array.from({ length: 8 }, () => client.execute(sql)));
  await everyConnection(`PRAGMA synchronous = ${sync}`);
  await client.execute("DELETE FROM jobs");

  // ------------------------------------------------ baseline: bare INSERT + SELECT on a fresh file
  const bare: Client = openClient(`file:${path.join(dataDir, `baseline-${sync}.db`)}`);
  await bare.execute("PRAGMA journal_mode = WAL");
  await bare.execute(`PRAGMA synchronous = ${sync}`);
  await bare.execute("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT NOT NULL)");
  const roundTrips: number[] = [];
  for (let i = 0; i < n.latency; i++) {
    const t0 = performance.now();
    await bare.execute({ sql: "INSERT INTO t (id, v) VALUES (?, ?)", args: [`k${i}`, "{}"] });
    await bare.execute({ sql: "SELECT v FROM t WHERE id = ?", args: [`k${i}`] });
    roundTrips.push(performance.now() - t0);
  }
  bare.close();
  const base = summary(roundTrips);

  // ------------------------------------------------ enqueue -> handler start, in-process
  let onStart: ((t: number) => void) | null = null;
  const worker = startWorker({
    logger: quiet,
    handlers: {
      bench: async () => {
        onStart?.(performance.now());
      },
    },
  });
  await new Promise((r) => setTimeout(r, 200)); // let its start-up sweep finish
  const latencies: number[] = [];
  for (let i = 0; i < n.latency; i++) {
    const started = new Promise<number>((resolve) => (onStart = resolve));
    const t0 = performance.now();
    await enqueue({ type: "bench" });
    latencies.push((await started) - t0);
  }
  await worker.stop({ drainMs: 1000 });
  const lat = summary(latencies);

  // ------------------------------------------------ claims per second
  async function fill(count: number) {
    await client.execute("DELETE FROM jobs");
    const now = new Date(Date.now() - 1000).toISOString();
    const stmts = Array.from({ length: count }, (_, i) => ({
      sql: "INSERT INTO jobs (id, type, run_at, priority) VALUES (?, 'bench', ?, ?)",
      args: [`job-${String(i).padStart(6, "0")}`, now, i % 5],
    }));
    await client.batch(stmts, "write");
  }
  async function rate(count: number, claimOne: () => Promise<boolean>) {
    const t0 = performance.now();
    let done = 0;
    while (done < count && (await claimOne())) done++;
    if (done !== count) throw new Error(`claimed ${done} of ${count}`);
    return count / ((performance.now() - t0) / 1000);
  }
  const rawClaimSql = `UPDATE jobs SET status = 'running', locked_by = ?, lease_until = ?, attempts = attempts + 1
    WHERE id = (SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ? ORDER BY priority DESC, run_at, id LIMIT 1)
    RETURNING *`;
  async function rawClaim() {
    const now = Date.now();
    const res = await client.execute({
      sql: rawClaimSql,
      args: ["bench", new Date(now + 7000).toISOString(), new Date(now).toISOString()],
    });
    return res.rows[0]?.id;
  }

  await fill(n.claims);
  const queueClaims = await rate(n.claims, async () => (await claimJob({ workerId: "bench", types: ["bench"] })) !== null);
  await fill(n.claims);
  const rawClaims = await rate(n.claims, async () => (await rawClaim()) !== undefined);

  // ------------------------------------------------ end to end: worker jobs per second
  await fill(n.jobs);
  let finished = 0;
  let allDone: () => void = () => {};
  const drained = new Promise<void>((r) => (allDone = r));
  const t0 = performance.now();
  const w2 = startWorker({
    logger: quiet,
    concurrency: 8,
    handlers: {
      bench: async () => {
        if (++finished === n.jobs) setImmediate(allDone);
      },
    },
  });
  await drained;
  for (;;) {
    const r = await client.execute("SELECT count(*) AS n FROM jobs WHERE status = 'done'");
    if (Number(r.rows[0]!.n) === n.jobs) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const workerRate = n.jobs / ((performance.now() - t0) / 1000);
  await w2.stop({ drainMs: 1000 });

  await fill(n.jobs);
  const rawPairs = await rate(n.jobs, async () => {
    const id = await rawClaim();
    if (id === undefined) return false;
    await client.execute({ sql: "UPDATE jobs SET status = 'done' WHERE id = ?", args: [id] });
    return true;
  });

  const levels = (await everyConnection("PRAGMA synchronous")).map((r) => Number(r.rows[0]!.synchronous));
  if (levels.some((l) => l !== (sync === "FULL" ? 2 : 1))) throw new Error(`PRAGMA synchronous did not stick (${levels})`);

  console.log(`\nsynchronous=${sync}${sync === "NORMAL" ? " (what the app runs: db/migrate.ts sets it under WAL)" : " (SQLite's default, for comparison)"}`);
  console.log(`${"figure".padEnd(44)} ${"value".padStart(12)}   | ${"baseline".padEnd(44)} ${"value".padStart(12)}   | ratio`);
  row(`enqueue -> handler start p50 (n=${n.latency})`, ms(lat.p50), "bare INSERT + SELECT round trip p50", ms(base.p50), ratio(lat.p50, base.p50));
  row(`enqueue -> handler start p99`, ms(lat.p99), "bare INSERT + SELECT round trip p99", ms(base.p99), ratio(lat.p99, base.p99));
  row(`claims/s (BEGIN IMMEDIATE + limits, n=${n.claims})`, perSec(queueClaims), "raw UPDATE...RETURNING claims/s", perSec(rawClaims), ratio(queueClaims, rawClaims));
  row(`worker jobs/s (noop, concurrency 8, n=${n.jobs})`, perSec(workerRate), "raw claim + complete, sequential, jobs/s", perSec(rawPairs), ratio(workerRate, rawPairs));
  console.log(`goal enqueue -> start p50 <= 10 ms in-process: ${lat.p50 <= 10 ? "met" : "NOT met"}`);
}

async function main() {
  const { closeDb } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  (await import("@/lib/server/database")).configureDatabase();
  await migrateDatabase();
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${os.platform()}; file: database under ${os.tmpdir()} (WAL)`);
  await suite("FULL", { latency: N_LATENCY, claims: N_CLAIMS, jobs: N_JOBS });
  await suite("NORMAL", { latency: N_LATENCY, claims: N_CLAIMS * 3, jobs: N_JOBS * 3 });
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
