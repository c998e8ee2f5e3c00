/**
 * Line printed -> received over SSE, p50/p99, with 1 and with 200 viewers.
 *
 *   npx tsx --conditions=react-server bench/sse.ts [lines=300] [intervalMs=10] [viewers=200]
 *
 * The server is the real SSE function (lib/runs/sse.ts) on node:http; the
 * writer appends through the real run log (batched transactions, notify);
 * the viewers are real HTTP clients in a separate process (bench/sse-viewers.ts).
 * Baseline in the same run: the same server streaming the same lines straight
 * from memory (no database, no notify, no replay) to the same viewers.
 * Also measured: the writer in another process (as `npm run worker` is),
 * first found by polling alone, then with the live channel (a datagram per
 * committed batch, lib/runs/live-channel.ts), with 1 and with 200 viewers.
 * Every viewer must receive every line exactly once, then `end`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import readline from "node:readline";

const LINES = Number(process.argv[2] ?? 300);
const INTERVAL_MS = Number(process.argv[3] ?? 10);
const MANY = Number(process.argv[4] ?? 200);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-sse-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

type Result = { p50: number; p99: number; max: number; samples: number; complete: number; viewers: number };

async function runViewers(url: string, viewers: number, write: () => Promise<void>): Promise<Result> {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["bench/sse-viewers.ts", url, String(viewers), String(LINES), "60000"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const it = lines[Symbol.asyncIterator]();
  const ready = await it.next();
  if (ready.value !== "ready") throw new Error(`viewers did not start: ${ready.value}`);
  await sleep(200); // let every subscription settle before the first line
  await write();
  const report = await it.next();
  const parsed = JSON.parse(report.value as string) as { complete: number; viewers: number; latencies: number[] };
  const sorted = parsed.latencies.sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? NaN, samples: sorted.length, complete: parsed.complete, viewers };
}

async function main() {
  const { migrateDatabase } = await import("../db/migrate");
  const { serveFetch } = await import("../tests/serve-fetch");
  const { runEventsResponse } = await import("../lib/runs/sse");
  const { createRunLog } = await import("../lib/runs/event-log");
  const { notifyRunChanged } = await import("../lib/runs/notify");
  const { createRun, setRunStatus } = await import("../lib/runs/test-helpers");
  (await import("../lib/server/database")).configureDatabase();
  await migrateDatabase();

  // The in-memory baseline: every line goes straight to every open stream.
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  const broadcast = (text: string) => {
    const bytes = encoder.encode(text);
    for (const c of streams) c.enqueue(bytes);
  };

  const served = await serveFetch(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/memory") {
      let self: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          self = c;
          streams.add(c);
          c.enqueue(encoder.encode("retry: 1000\n\n"));
        },
        cancel() {
          streams.delete(self);
        },
      });
      request.signal.addEventListener("abort", () => streams.delete(self));
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    }
    const [, , runId, userId] = url.pathname.split("/");
    return runEventsResponse(request, userId!, runId!);
  });

  const results: Record<string, Result> = {};

  async function database(label: string, viewers: number) {
    const { userId, runId } = await createRun();
    const log = createRunLog(runId);
    results[label] = await runViewers(`${served.url}/runs/${runId}/${userId}`, viewers, async () => {
      for (let i = 1; i <= LINES; i++) {
        log.append({ stream: "stdout", kind: "text", text: `line ${i} t=${now()}` });
        await sleep(INTERVAL_MS);
      }
      await log.close();
      await setRunStatus(runId, "completed", { exitCode: 0 });
      notifyRunChanged(runId);
    });
  }

  async function memory(label: string, viewers: number) {
    results[label] = await runViewers(`${served.url}/memory`, viewers, async () => {
      for (let i = 1; i <= LINES; i++) {
        broadcast(`id: ${i}\nevent: log\ndata: ${JSON.stringify({ stream: "stdout", kind: "text", text: `line ${i} t=${now()}` })}\n\n`);
        await sleep(INTERVAL_MS);
      }
      broadcast(`id: ${LINES}\nevent: end\ndata: {}\n\n`);
    });
  }

  async function otherProcess(label: string, viewers = 1) {
    const { userId, runId } = await createRun(undefined, "queued");
    results[label] = await runViewers(`${served.url}/runs/${runId}/${userId}`, viewers, async () => {
      const child = spawn(
        path.join("node_modules", ".bin", "tsx"),
        ["--conditions=react-server", "lib/runs/test-writer-process.ts", runId, String(LINES), "1", String(INTERVAL_MS)],
        { stdio: "inherit", env: process.env },
      );
      await new Promise((r) => child.on("exit", r));
    });
  }

  console.log(`SSE latency: ${LINES} lines, one every ${INTERVAL_MS} ms; data in ${dataDir}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  await memory("memory, 1 viewer", 1);
  await database("database, 1 viewer", 1);
  await memory(`memory, ${MANY} viewers`, MANY);
  await database(`database, ${MANY} viewers`, MANY);
  await otherProcess("database, 1 viewer, writer in another process (poll 250 ms)");
  // Now this process listens, as a web server does at start; the writer's process sends to it.
  const { listenForOtherProcesses } = await import("../lib/runs/notify");
  const stopListening = await listenForOtherProcesses();
  await otherProcess("database, 1 viewer, writer in another process (live channel)");
  await otherProcess(`database, ${MANY} viewers, writer in another process (live channel)`, MANY);
  await stopListening();

  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log("\nscenario".padEnd(66) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "max ms".padStart(8) + "  complete viewers");
  for (const [label, r] of Object.entries(results)) {
    console.log(`${label.padEnd(65)}${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.max)}  ${r.complete}/${r.viewers} (${r.samples} samples)`);
  }
  const ratio = (a: string, b: string) => {
    const x = results[a]!;
    const y = results[b]!;
    return `p50 ${(x.p50 / y.p50).toFixed(2)}x, p99 ${(x.p99 / y.p99).toFixed(2)}x`;
  };
  console.log(`\ndatabase vs memory baseline, 1 viewer: ${ratio("database, 1 viewer", "memory, 1 viewer")}`);
  console.log(`database vs memory baseline, ${MANY} viewers: ${ratio(`database, ${MANY} viewers`, `memory, ${MANY} viewers`)}`);
  const remote = results["database, 1 viewer, writer in another process (live channel)"]!;
  const remoteMany = results[`database, ${MANY} viewers, writer in another process (live channel)`]!;
  console.log(
    `writer in another process, live channel: 1 viewer p50 <= 30 ms ${remote.p50 <= 30 ? "met" : "MISSED"}, p99 <= 100 ms ${remote.p99 <= 100 ? "met" : "MISSED"}; ` +
      `${MANY} viewers p50 <= 30 ms ${remoteMany.p50 <= 30 ? "met" : "MISSED"}, p99 <= 100 ms ${remoteMany.p99 <= 100 ? "met" : "MISSED"}, ` +
      `complete ${remoteMany.complete}/${remoteMany.viewers}`,
  );
  const one = results["database, 1 viewer"]!;
  const many = results[`database, ${MANY} viewers`]!;
  console.log(
    `goals: 1 viewer p50 <= 50 ms ${one.p50 <= 50 ? "met" : "MISSED"}, p99 <= 250 ms ${one.p99 <= 250 ? "met" : "MISSED"}; ` +
      `${MANY} viewers p50 <= 100 ms ${many.p50 <= 100 ? "met" : "MISSED"}, p99 <= 500 ms ${many.p99 <= 500 ? "met" : "MISSED"}, ` +
      `every viewer complete ${many.complete === many.viewers && one.complete === 1 ? "yes" : "NO"}`,
  );

  await served.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

void main();
