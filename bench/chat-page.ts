/**
 * Time to open a conversation of 1,000 messages in a real browser until it is
 * interactive (goal: under 1 s): Chromium loads /chat/[id] from a production
 * server; "interactive" is when React has hydrated the composer, so Enter sends.
 * The messages are what a long chat holds: prompts, Markdown replies with code
 * blocks, and folded tool calls, over 250 turns, with their checkpoints.
 *
 *   NEXT_DIST_DIR=.next-e2e npx tsx --conditions=react-server bench/chat-page.ts [messages=1000] [port=3615]
 *
 * (Any production build in NEXT_DIST_DIR works: `bash scripts/e2e.sh` leaves one
 * in .next-e2e.) The script seeds its own DATA_DIR, starts `next start` on it,
 * signs in by minting a session cookie, measures three loads, and stops the server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signedInBrowser, startNextServer } from "./next-server";

const MESSAGES = Number(process.argv[2] ?? 1000);
const PORT = Number(process.argv[3] ?? 3615);
const distDir = process.env.NEXT_DIST_DIR || ".next";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-chat-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const REPLY = (i: number) =>
  `Here is what I changed in **turn ${i}**:\n\n- \`src/m${i % 50}.ts\` now exports \`v${i}\`\n- the tests cover it\n\n\`\`\`ts\nexport const v${i} = ${i}; // the new value\nconsole.log("checked", v${i});\n\`\`\`\n\nRun \`npm test\` to see it pass.`;

async function seed() {
  const { encode } = await import("next-auth/jwt");
  const { configureDatabase } = await import("../lib/server/database");
  configureDatabase();
  const { migrateDatabase } = await import("../db/migrate");
  const { createSession } = await import("../lib/auth/sessions");
  const { authSecret } = await import("../lib/config");
  const { db, closeDb } = await import("../db/client");
  const { agentRuns, agents, conversations, messages, projects } = await import("../db/schema");
  const { createUser } = await import("../lib/runs/test-helpers");
  const { newId } = await import("../lib/domain/ids");
  await migrateDatabase();
  const userId = await createUser("bench@example.test");
  const sid = await createSession(userId, {});
  const token = await encode({ token: { sid, sub: userId }, secret: authSecret(), salt: "authjs.session-token" });
  const folder = fs.mkdtempSync(path.join(dataDir, "project-"));
  const [project] = await db().insert(projects).values({ userId, name: "bench", path: folder }).returning({ id: projects.id });
  const [agent] = await db().insert(agents).values({ userId, name: "Claude", executor: "claude-code" }).returning({ id: agents.id });
  const conversationId = newId();
  await db().insert(conversations).values({ id: conversationId, userId, agentId: agent!.id, projectId: project!.id, title: "A long conversation", sessionId: newId() });
  const rows: (typeof messages.$inferInsert)[] = [];
  for (let turn = 0; rows.length < MESSAGES; turn++) {
    const runId = newId();
    await db().insert(agentRuns).values({ id: runId, userId, projectId: project!.id, agentId: agent!.id, task: `Turn ${turn}`, executor: "claude-code", status: "completed", inputTokens: 1200, outputTokens: 300, costUsd: 0.004 });
    const prompt = newId();
    rows.push({ id: prompt, conversationId, role: "user", content: `Please update module ${turn} and add a test.`, runId, position: prompt });
    rows.push({ id: newId(), conversationId, role: "tool", content: `export const v${turn} = ${turn};`, toolName: "Read", toolInput: { file_path: `src/m${turn}.ts` }, runId, position: `${prompt}.0000` });
    rows.push({ id: newId(), conversationId, role: "tool", content: "The file has been updated.", toolName: "Edit", toolInput: { file_path: `src/m${turn}.ts`, old_string: "a", new_string: "b" }, runId, position: `${prompt}.0001` });
    rows.push({ id: newId(), conversationId, role: "assistant", content: REPLY(turn), runId, position: `${prompt}.0002` });
  }
  for (let i = 0; i < rows.length; i += 200) await db().insert(messages).values(rows.slice(i, i + 200));
  closeDb();
  return { token, conversationId, count: rows.length };
}

async function main() {
  const { token, conversationId, count } = await seed();
  const server = await startNextServer(PORT, distDir, { DATA_DIR: dataDir, WORKER: "off" });
  const { browser, context } = await signedInBrowser(token);
  try {
    const page = await context.newPage();
    console.log(`Open a conversation of ${count} messages in Chromium; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      await page.goto(`http://localhost:${PORT}/chat/${conversationId}`, { waitUntil: "commit" });
      // The page shows the newest 200 messages ("Earlier messages" pages back): wait for the last one.
      await page.waitForSelector(`[data-message-role]:last-child`, { timeout: 60_000 });
      const shown = Date.now() - started;
      await page.waitForFunction(() => {
        const el = document.querySelector("#composer");
        return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
      }, undefined, { polling: "raf", timeout: 60_000 });
      const interactive = Date.now() - started;
      console.log(`  load ${i + 1}${i === 0 ? " (cold server)" : ""}: newest messages on the page ${shown} ms, interactive (composer hydrated) ${interactive} ms`);
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
