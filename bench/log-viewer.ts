/**
 * A viewer of a 1,000,000-line run (issue 14): Chromium opens /runs/[id] of a
 * production server, and the server streams the whole log to SSE viewers.
 *
 *   NEXT_DIST_DIR=.next-e2e npx tsx --conditions=react-server bench/log-viewer.ts [lines=1000000] [port=3208] [viewers=10]
 *
 * (Any production build in NEXT_DIST_DIR: see docs/BENCHMARKS.md for building
 * only the run pages.) Seeds its own DATA_DIR: a finished run of `lines`
 * lines and a running one of as many, written straight into run_events with
 * multi-row INSERTs through the app's stored form (wholeLogStatements), and a
 * 1,000-line run as the baseline. Measures, in the browser: the first screen
 * (navigation to the last line rendered), the JS heap (after a forced
 * collection) after opening, after scrolling to the top in big jumps, after a
 * jump to #L<lines/2>, and after 50,000 more live lines; a search for one
 * line. On the server: RSS growth per viewer while `viewers` SSE clients
 * replay the whole log from seq 0 (reading as fast as they can, then reading
 * nothing for a while: backpressure).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { signedInBrowser, startNextServer } from "./next-server";
import type { CDPSession, Page } from "@playwright/test";

const LINES = Number(process.argv[2] ?? 1_000_000);
const PORT = Number(process.argv[3] ?? 3208);
const VIEWERS = Number(process.argv[4] ?? 10);
/** "server": only the SSE viewers and the search API (no browser). */
const ONLY = process.argv[5] ?? "all";
const LIVE_LINES = 50_000;
const distDir = process.env.NEXT_DIST_DIR || ".next";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-viewer-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
const base = `http://localhost:${PORT}`;

/** Line i of a seeded log: mostly text, some with colour codes, a tool call every 1,000th, standard error every 50th. */
function lineEvent(i: number) {
  if (i % 1000 === 0) return { stream: "stdout" as const, kind: "tool_use", text: `Read src/file${i}.ts`, data: { tool: "Read", input: { path: `src/file${i}.ts` } } };
  if (i % 7 === 0) return { stream: "stdout" as const, kind: "text", text: `\u001b[32mok\u001b[0m line ${i} \u001b[1mbold\u001b[0m` };
  return { stream: i % 50 === 0 ? ("stderr" as const) : ("stdout" as const), kind: "text", text: `line ${i}: lorem ipsum dolor sit amet, consectetur adipiscing elit` };
}

/** The first line at or after `i` that lineEvent() makes plain text (searchable as "line <i>: lorem"). */
function plainLine(i: number): number {
  let n = Math.floor(i);
  while (n % 7 === 0 || n % 1000 === 0) n++;
  return n;
}

async function seed() {
  const { encode } = await import("next-auth/jwt");
  const { migrateDatabase } = await import("../db/migrate");
  const { dbClient, closeDb } = await import("../db/client");
  const { createSession } = await import("../lib/auth/sessions");
  const { authSecret } = await import("../lib/config");
  const { wholeLogStatements } = await import("../lib/runs/event-log");
  const { createRun, createUser } = await import("../lib/runs/test-helpers");
  (await import("../lib/server/database")).configureDatabase();
  await migrateDatabase();
  const userId = await createUser("bench@example.test");
  const sid = await createSession(userId, {});
  const token = await encode({ token: { sid, sub: userId }, secret: authSecret(), salt: "authjs.session-token" });

  /** A run of `lines` lines after a "running" status (and, finished, a "completed" one), 10,000 rows per transaction. */
  async function loggedRun(lines: number, finished: boolean) {
    const { runId } = await createRun(userId, finished ? "completed" : "running");
    const time = new Date().toISOString();
    const total = lines + (finished ? 2 : 1);
    for (let first = 1; first <= total; first += 10_000) {
      const events = [];
      for (let seq = first; seq < Math.min(total + 1, first + 10_000); seq++) {
        const event = seq === 1 ? { event: "status" as const, status: "running" as const } : seq === lines + 2 ? { event: "status" as const, status: "completed" as const, exitCode: 0 } : lineEvent(seq - 1);
        events.push({ event, time });
      }
      await dbClient().batch(wholeLogStatements(runId, events, first), "write");
    }
    await dbClient().execute({ sql: "UPDATE agent_runs SET last_seq = ?, started_at = ?, completed_at = ? WHERE id = ?", args: [total, time, finished ? time : null, runId] });
    return { runId, lastSeq: total };
  }
  const started = Date.now();
  const big = await loggedRun(LINES, true);
  const live = await loggedRun(LINES, false);
  const small = await loggedRun(1_000, true);
  console.log(`Seeded 2 × ${LINES.toLocaleString("en-US")} lines and 1,000 in ${((Date.now() - started) / 1000).toFixed(1)} s (${(fs.statSync(path.join(dataDir, "switchboard.db")).size / 1e6).toFixed(0)} MB)`);
  closeDb();
  return { token, big, live, small };
}

/** Resident memory of the server: every process of its group (next start and anything it forked). */
function serverRss(pgid: number, kind: "VmRSS" | "RssAnon" | "RssFile" = "VmRSS"): number {
  let kb = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      kb += Number(new RegExp(`${kind}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb * 1024;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function heap(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

async function domNodes(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "Nodes")?.value ?? 0;
}

/** Navigation to the last line on screen, in ms. */
async function openAtEnd(page: Page, runId: string, lastSeq: number): Promise<number> {
  await page.goto("about:blank");
  const started = Date.now();
  await page.goto(`${base}/runs/${runId}`, { waitUntil: "commit" });
  await page.waitForSelector(`[data-seq="${lastSeq}"]`, { timeout: 60_000 });
  return Date.now() - started;
}

/** Scrolls from the end to the top in ten jumps, each waiting until the lines in view are loaded; ms. */
async function scrollToTop(page: Page): Promise<number> {
  const started = Date.now();
  for (let k = 9; k >= 0; k--) {
    await page.locator('[role="log"]').evaluate((el, k) => (el.scrollTop = (el.scrollHeight * k) / 10), k);
    await page.waitForFunction(() => !document.querySelector('[role="log"]')!.textContent!.includes("Loading lines"), null, { timeout: 30_000, polling: 50 });
  }
  await page.waitForSelector('[data-seq="1"]', { timeout: 30_000 });
  return Date.now() - started;
}

/** Types a search for one line near the start and waits until that line is the current match on screen; ms. */
async function searchFor(page: Page, text: string): Promise<number> {
  const box = page.getByRole("searchbox", { name: "Search the log" });
  await box.fill("");
  const started = Date.now();
  await box.fill(text);
  await page.waitForFunction((wanted) => document.querySelector("[data-current]")?.textContent?.includes(wanted), text, { timeout: 30_000, polling: 20 });
  return Date.now() - started;
}

/** `viewers` SSE clients replaying the whole log from 0; peak server RSS while they read, and while they stall. */
async function sseReplay(pgid: number, runId: string, cookie: string, viewers: number, stallMs: number, staggerMs = 0) {
  const samples: number[] = [];
  const sampler = setInterval(() => {
    samples.push(serverRss(pgid));
    files.push(serverRss(pgid, "RssFile"));
  }, 50);
  const files: number[] = [];
  const stalled: number[] = [];
  const started = Date.now();
  const bytes = await Promise.all(
    Array.from(
      { length: viewers },
      (_, k) =>
        new Promise<number>((resolve, reject) => setTimeout(() => {
          const req = http.get(`${base}/api/runs/${runId}/events`, { agent: false, headers: { cookie, accept: "text/event-stream" } }, (res) => {
            let n = 0;
            let paused = false;
            let tail = "";
            res.on("data", (chunk: Buffer) => {
              n += chunk.length;
              tail = (tail + chunk.toString("latin1")).slice(-2000);
              // A slow reader: after the first 5 MB it reads nothing for a while; the server must wait, not buffer the log.
              if (stallMs && !paused && n > 5e6) {
                paused = true;
                res.pause();
                setTimeout(() => {
                  stalled.push(serverRss(pgid));
                  res.resume();
                }, stallMs);
              }
            });
            res.on("end", () => (tail.includes("event: end") ? resolve(n) : reject(new Error("stream ended without `end`"))));
            res.on("error", reject);
          });
          req.on("error", reject);
        }, k * staggerMs)),
    ),
  );
  clearInterval(sampler);
  return { ms: Date.now() - started, bytes: bytes[0]!, peak: Math.max(...samples), peakFile: Math.max(...files), stalledPeak: Math.max(0, ...stalled) };
}

type Seeded = { runId: string; lastSeq: number };

/** Chromium on the run page: first screen, heap as the reader moves and as the log grows, search. */
async function measureBrowser(page: Page, cdp: CDPSession, { big, live, small }: { big: Seeded; live: Seeded; small: Seeded }) {
  // First screen: the baseline (1,000 lines), then the million, three times each (the first load of a just-started server is cold).
  const firstScreen = async (run: { runId: string; lastSeq: number }) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await openAtEnd(page, run.runId, run.lastSeq));
    return times;
  };
  const smallOpen = await firstScreen(small);
  const smallHeap = await heap(cdp);
  const bigOpen = await firstScreen(big);
  const openHeap = await heap(cdp);
  console.log(`First screen (last line on screen), loads 1/2/3: 1,000 lines ${smallOpen.join(" / ")} ms; ${LINES.toLocaleString("en-US")} lines ${bigOpen.join(" / ")} ms (ratio ${(bigOpen[2]! / smallOpen[2]!).toFixed(2)} warm)`);

  const heaps: [string, number, number][] = [["1,000-line run, opened (baseline)", smallHeap, 0], [`${LINES.toLocaleString("en-US")}-line run, opened at its end`, openHeap, await domNodes(cdp)]];
  const toTop = await scrollToTop(page);
  heaps.push([`… scrolled to the top in 10 jumps (${toTop} ms)`, await heap(cdp), await domNodes(cdp)]);
  const middle = Math.floor(LINES / 2);
  const jumpStarted = Date.now();
  await page.evaluate((line) => (location.hash = `#L${line}`), middle);
  await page.waitForSelector(`[data-line="${middle}"]`, { timeout: 30_000 });
  const jump = Date.now() - jumpStarted;
  heaps.push([`… after a jump to #L${middle} (${jump} ms)`, await heap(cdp), await domNodes(cdp)]);
  const searchBig = [await searchFor(page, `line ${plainLine(LINES * 0.123)}: lorem`), await searchFor(page, `line ${plainLine(LINES * 0.654)}: lorem`)];
  heaps.push([`… after two searches`, await heap(cdp), await domNodes(cdp)]);
  await openAtEnd(page, small.runId, small.lastSeq);
  const searchSmall = [await searchFor(page, `line ${plainLine(123)}: lorem`), await searchFor(page, `line ${plainLine(654)}: lorem`)];
  console.log(`Search for one line, typed to on screen: ${LINES.toLocaleString("en-US")} lines ${searchBig.join(" / ")} ms; 1,000 lines ${searchSmall.join(" / ")} ms`);

  // A running run being written to: 50,000 more lines while the page follows the end.
  await openAtEnd(page, live.runId, live.lastSeq);
  heaps.push([`running ${LINES.toLocaleString("en-US")}-line run, opened`, await heap(cdp), await domNodes(cdp)]);
  (await import("../lib/server/database")).configureDatabase();
  const { createRunLog } = await import("../lib/runs/event-log");
  const log = createRunLog(live.runId);
  for (let i = 1; i <= LIVE_LINES; i++) {
    log.append(lineEvent(LINES + i));
    if (i % 1000 === 0) {
      await log.flush();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const end = await log.close();
  await page.waitForSelector(`[data-seq="${end}"]`, { timeout: 60_000 });
  heaps.push([`… after ${LIVE_LINES.toLocaleString("en-US")} more live lines, followed`, await heap(cdp), await domNodes(cdp)]);
  console.log("\nBrowser JS heap after a forced collection (DOM nodes):");
  for (const [label, bytes, nodes] of heaps) console.log(`  ${label.padEnd(58)} ${mb(bytes).padStart(9)}${nodes ? `  (${nodes} nodes)` : ""}   ${(bytes / smallHeap).toFixed(2)}× baseline`);
  await page.goto("about:blank");
}

async function main() {
  const { token, big, live, small } = await seed();
  const cookie = `authjs.session-token=${token}`;
  const server = await startNextServer(PORT, distDir, { DATA_DIR: dataDir });
  const { browser, context } = await signedInBrowser(token);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    console.log(`${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    if (ONLY !== "server") await measureBrowser(page, cdp, { big, live, small });


    // The server: SSE viewers replaying the whole finished log from 0.
    const pgid = server.pid!;
    const warm = await sseReplay(pgid, big.runId, cookie, 1, 0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = serverRss(pgid);
    console.log(`\nServer: one SSE replay of the whole log (${mb(warm.bytes)}) in ${warm.ms} ms; RSS at rest ${mb(idle)}`);
    const scenarios = [
      ["starting together, reading as fast as they can", 0, 0],
      ["starting 500 ms apart (no two at the same page)", 0, 500],
      ["each stalling 5 s after 5 MB", 5000, 0],
    ] as const;
    for (const [label, stall, stagger] of scenarios) {
      const before = serverRss(pgid);
      const r = await sseReplay(pgid, big.runId, cookie, VIEWERS, stall, stagger);
      const growth = r.peak - before;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      console.log(
        `  ${VIEWERS} viewers ${label}: every one got the whole log and \`end\` in ${r.ms} ms; RSS ${mb(before)} before, peak ${mb(r.peak)}: +${mb(growth)} = ${mb(growth / VIEWERS)} per viewer, ${mb(serverRss(pgid))} after` +
          (stall ? ` (while they stalled: ${mb(r.stalledPeak)})` : "") +
          `; of which mapped files ${mb(r.peakFile)}`,
      );
    }
    const searchStarted = Date.now();
    const response = await fetch(`${base}/api/v1/runs/${big.runId}/search?q=${encodeURIComponent(`line ${plainLine(LINES - 2)}: lorem`)}`, { headers: { cookie } });
    console.log(`\nGET /api/v1/runs/:id/search for the last line of ${LINES.toLocaleString("en-US")} (the whole log scanned): ${Date.now() - searchStarted} ms, ${JSON.stringify((await response.json()).data)}`);
  } finally {
    await browser.close();
    process.kill(-server.pid!, "SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
