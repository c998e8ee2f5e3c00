/**
 * A run printing 200,000 lines: persisted lines per second through the run
 * log (lib/runs/event-log.ts) against raw batched multi-row INSERTs through
 * @libsql/client into a fresh file (goal: >= 0.5 of raw); then the time to
 * open that finished run: its full replay streamed over real HTTP by the SSE
 * function and by the /log route.
 *
 *   npx tsx --conditions=react-server bench/log-persist.ts [lines=200000] [rounds=2]
 *
 * Both sides write the same rows (run_id, seq, time, stream, level, kind, JSON
 * payload) into a freshly created file with the app's schema, 500 rows per
 * transaction, 100 rows per INSERT, and build each row's JSON and time inside
 * the timed loop. Rounds alternate raw/log to share out the machine's noise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";

const LINES = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 2);
const BATCH = 500;
const PER_INSERT = 100;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-log-"));
process.env.DATA_DIR = dataDir;

const text = (i: number) => `line ${i}: \u001b[32mok\u001b[0m compiling src/module_${i % 977}.ts (${i * 7} bytes)`;

async function switchToFreshDatabase(name: string) {
  const { resetConfigForTests } = await import("../lib/config");
  const { closeDb } = await import("../db/client");
  const { migrateDatabase } = await import("../db/migrate");
  closeDb();
  process.env.DATABASE_URL = `file:${path.join(dataDir, `${name}.db`)}`;
  resetConfigForTests();
  (await import("../lib/server/database")).configureDatabase();
  await migrateDatabase();
}

/** Raw: the same rows through @libsql/client directly, seq numbered in JS. */
async function raw(round: number): Promise<number> {
  await switchToFreshDatabase(`raw-${round}`);
  const { dbClient } = await import("../db/client");
  const { createRun } = await import("../lib/runs/test-helpers");
  const { runId } = await createRun();
  const client = dbClient();
  const rowSql = "(?,?,?,?,?,?,?)";
  const fullSql = `INSERT INTO run_events (run_id, seq, time, stream, level, kind, payload) VALUES ${Array(PER_INSERT).fill(rowSql).join(",")}`;
  const started = performance.now();
  for (let b = 0; b < LINES; b += BATCH) {
    const stmts: { sql: string; args: (string | number | null)[] }[] = [];
    const end = Math.min(LINES, b + BATCH);
    for (let s = b; s < end; s += PER_INSERT) {
      const n = Math.min(PER_INSERT, end - s);
      const args: (string | number | null)[] = [];
      for (let i = s; i < s + n; i++) {
        const payload = JSON.stringify({ stream: "stdout", kind: "text", text: text(i + 1) });
        args.push(runId, i + 1, new Date().toISOString(), "stdout", null, "text", payload);
      }
      stmts.push({ sql: n === PER_INSERT ? fullSql : `INSERT INTO run_events (run_id, seq, time, stream, level, kind, payload) VALUES ${Array(n).fill(rowSql).join(",")}`, args });
    }
    stmts.push({ sql: "UPDATE agent_runs SET last_seq = ? WHERE id = ?", args: [end, runId] });
    await client.batch(stmts, "write");
  }
  return performance.now() - started;
}

/** The run log: appended as an executor would, a chunk of lines at a time. */
async function runLog(round: number): Promise<{ ms: number; runId: string; userId: string }> {
  await switchToFreshDatabase(`log-${round}`);
  const { createRunLog } = await import("../lib/runs/event-log");
  const { createRun } = await import("../lib/runs/test-helpers");
  const { runId, userId } = await createRun();
  const log = createRunLog(runId);
  const started = performance.now();
  for (let i = 1; i <= LINES; i++) {
    log.append({ stream: "stdout", kind: "text", text: text(i) });
    // An executor gets stdout in chunks: let timers and commits run between them.
    if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
  }
  const last = await log.close();
  const ms = performance.now() - started;
  if (last !== LINES) throw new Error(`expected last seq ${LINES}, got ${last}`);
  return { ms, runId, userId };
}

function get(url: string): Promise<{ firstByteMs: number; totalMs: number; bytes: number; tail: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first = 0;
    let bytes = 0;
    let tail = "";
    http
      .get(url, { agent: false }, (res) => {
        res.on("data", (chunk: Buffer) => {
          if (!first) first = performance.now() - started;
          bytes += chunk.length;
          tail = (tail + chunk.toString("utf8")).slice(-300);
        });
        res.on("end", () => resolve({ firstByteMs: first, totalMs: performance.now() - started, bytes, tail }));
      })
      .on("error", reject);
  });
}

async function main() {
  console.log(`Run log persistence: ${LINES} lines, ${ROUNDS} round(s); data in ${dataDir}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const rawMs: number[] = [];
  const logMs: number[] = [];
  let finished: { runId: string; userId: string } | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    rawMs.push(await raw(round));
    const r = await runLog(round);
    logMs.push(r.ms);
    finished = r;
    console.log(`  round ${round + 1}: raw ${rawMs[round]!.toFixed(0)} ms, run log ${r.ms.toFixed(0)} ms`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rawRate = LINES / (median(rawMs) / 1000);
  const logRate = LINES / (median(logMs) / 1000);
  console.log(`raw batched inserts: ${Math.round(rawRate)} lines/s`);
  console.log(`run log:             ${Math.round(logRate)} lines/s`);
  console.log(`ratio run log / raw: ${(logRate / rawRate).toFixed(2)} (goal >= 0.5: ${logRate / rawRate >= 0.5 ? "met" : "MISSED"})`);

  // Opening the finished run: the whole replay over real HTTP.
  const { runId, userId } = finished!;
  const { setRunStatus } = await import("../lib/runs/test-helpers");
  await setRunStatus(runId, "completed", { exitCode: 0 });
  const { serveFetch } = await import("../tests/serve-fetch");
  const { runEventsResponse } = await import("../lib/runs/sse");
  const { runLogResponse } = await import("../lib/runs/log");
  const served = await serveFetch((request) => {
    const url = new URL(request.url);
    return url.pathname === "/log" ? runLogResponse(request, userId, runId, "ndjson") : runEventsResponse(request, userId, runId);
  });
  for (let i = 0; i < 2; i++) {
    const sse = await get(`${served.url}/events`);
    if (!sse.tail.includes("event: end")) throw new Error("the replay did not end with `end`");
    const log = await get(`${served.url}/log`);
    console.log(
      `open the finished ${LINES}-line run (${i === 0 ? "cold" : "warm"}): SSE replay first byte ${sse.firstByteMs.toFixed(0)} ms, ` +
        `all ${(sse.bytes / 1e6).toFixed(1)} MB + end in ${sse.totalMs.toFixed(0)} ms; /log JSON lines ${(log.bytes / 1e6).toFixed(1)} MB in ${log.totalMs.toFixed(0)} ms`,
    );
  }
  await served.close();
  const { closeDb } = await import("../db/client");
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

void main();
