/**
 * Time to open a finished 200,000-line run in a real browser: Chromium loads
 * /runs/[id] from a production server, the page replays the whole log over
 * SSE into its virtualised list and follows it to the last line.
 *
 *   NEXT_DIST_DIR=.next-runs npx next build --experimental-build-mode compile --debug-build-paths 'app/(app)/runs/**,app/api/runs/**,app/api/v1/runs/**'
 *   NEXT_DIST_DIR=.next-runs npx next build --experimental-build-mode generate --debug-build-paths 'app/(app)/runs/**,app/api/runs/**,app/api/v1/runs/**'
 *   NEXT_DIST_DIR=.next-runs npx tsx --conditions=react-server bench/run-page.ts [lines=200000] [port=3207]
 *
 * (Any production build in NEXT_DIST_DIR works; the two commands above build
 * just the run pages, without type-checking the rest of the tree.) The
 * script seeds its own DATA_DIR, starts `next start` on it, signs in by
 * minting a session cookie, measures three loads, and stops the server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";

const LINES = Number(process.argv[2] ?? 200_000);
const PORT = Number(process.argv[3] ?? 3207);
const distDir = process.env.NEXT_DIST_DIR || ".next";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-page-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

async function seed() {
  const { encode } = await import("next-auth/jwt");
  const { migrateDatabase } = await import("../db/migrate");
  const { createSession } = await import("../lib/auth/sessions");
  const { authSecret } = await import("../lib/config");
  const { createRunLog } = await import("../lib/runs/event-log");
  const { createRun, createUser, setRunStatus } = await import("../lib/runs/test-helpers");
  const { closeDb } = await import("../db/client");
  (await import("../lib/server/database")).configureDatabase();
  await migrateDatabase();
  const userId = await createUser("bench@example.test");
  const sid = await createSession(userId, {});
  const token = await encode({ token: { sid, sub: userId }, secret: authSecret(), salt: "authjs.session-token" });
  const { runId } = await createRun(userId, "running");
  const log = createRunLog(runId);
  log.append({ event: "status", status: "running" });
  for (let i = 1; i <= LINES; i++) {
    if (i % 1000 === 0) log.append({ stream: "stdout", kind: "tool_use", text: `Read src/file${i}.ts`, data: { tool: "Read", input: { path: `src/file${i}.ts` } } });
    else if (i % 7 === 0) log.append({ stream: "stdout", kind: "text", text: `\u001b[32mok\u001b[0m line ${i} \u001b[1mbold\u001b[0m` });
    else log.append({ stream: i % 50 === 0 ? "stderr" : "stdout", kind: "text", text: `line ${i}: lorem ipsum dolor sit amet, consectetur adipiscing elit` });
    if (i % 5000 === 0) await log.flush();
  }
  log.append({ event: "usage", inputTokens: 1234, outputTokens: 567, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.0123 });
  log.append({ event: "status", status: "completed", exitCode: 0 });
  const lastSeq = await log.close();
  await setRunStatus(runId, "completed", { exitCode: 0 });
  closeDb();
  return { token, runId, lastSeq };
}

async function main() {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: see the commands at the top of this file.`);
  const { token, runId, lastSeq } = await seed();
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT)], {
    env: { ...process.env, DATA_DIR: dataDir, NEXT_DIST_DIR: distDir },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Ready") && resolve());
    server.on("exit", (code) => reject(new Error(`next start exited with ${code}`)));
  });
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: "authjs.session-token", value: token, domain: "localhost", path: "/" }]);
    const page = await context.newPage();
    console.log(`Open a finished ${LINES}-line run (${lastSeq} events) in Chromium; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page.goto(`http://localhost:${PORT}/runs/${runId}`, { waitUntil: "commit" });
      await page.waitForSelector("[data-seq]", { timeout: 60_000 });
      const firstLines = Date.now() - started;
      await page.waitForSelector(`[data-run-stream="ended"][data-last-seq="${lastSeq}"]`, { timeout: 120_000 });
      // Usable: the last line is rendered (followed to the end) ...
      await page.waitForSelector(`[data-seq="${lastSeq}"]`, { timeout: 10_000 });
      const complete = Date.now() - started;
      // ... and a jump to the middle renders at once.
      const jump = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const el = document.querySelector('[role="log"]')!;
            const t0 = performance.now();
            el.scrollTop = el.scrollHeight / 2;
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
          }),
      );
      const middle = await page.evaluate(() => document.querySelector("[data-seq]")?.getAttribute("data-seq"));
      // Search the whole log (not only the rendered lines) for a line near the start: typed, scanned, scrolled to, rendered.
      const searchStarted = Date.now();
      await page.getByRole("searchbox", { name: "Search the log" }).fill(`line ${17 + i}: lorem`);
      await page.waitForSelector("[data-current]", { timeout: 30_000 });
      const search = Date.now() - searchStarted;
      const found = await page.evaluate(() => document.querySelector("[data-current]")?.textContent);
      console.log(
        `  load ${i + 1}${i === 0 ? " (cold server)" : ""}: first lines ${firstLines} ms, every line loaded and the last one on screen ${complete} ms, ` +
          `jump to the middle ${jump.toFixed(0)} ms (shows seq ${middle}), search the whole log ${search} ms (shows "${found?.slice(0, 30)}")`,
      );
      await page.getByRole("searchbox", { name: "Search the log" }).fill("");
    }
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
