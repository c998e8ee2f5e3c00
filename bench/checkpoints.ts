/**
 * Checkpoints of a 2,000-file project, each figure next to a baseline measured in the same run:
 *  - the first checkpoint (every file read, hashed, compressed and stored) vs reading every file;
 *  - a checkpoint of the unchanged project (goal: under 100 ms, under 10 KB of new storage), right
 *    after the files were written and between two turns (files older than the hash cache's 2 s window);
 *  - a restore after every file was deleted (goal: 2,000 files under 1 s) vs writing every file,
 *    and a restore after 10 files changed.
 *
 *   npx tsx --conditions=react-server bench/checkpoints.ts [files=2000] [rounds=5]
 *
 * Uses its own temporary DATA_DIR and project (a git repository, listed through the
 * confined `git ls-files`, as the app does).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-checkpoints-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
const [FILES, ROUNDS] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 5)];

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
async function time<T>(samples: number[], fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await fn();
  samples.push(performance.now() - start);
  return result;
}
function row(label: string, value: number, baselineLabel: string, baseline: number) {
  console.log(`${label.padEnd(44)} ${ms(value).padStart(10)}   | ${baselineLabel.padEnd(30)} ${ms(baseline).padStart(10)}   | ${(value / baseline).toFixed(2)}x`);
}

function makeProject(files: number): { dir: string; paths: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-project-"));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const rel = path.join("src", `m${i % 50}`, `f${i}.ts`);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), `export const v${i} = ${i}; // ${"x".repeat(i % 200)}\n`.repeat(20));
    paths.push(rel);
  }
  return { dir, paths };
}

async function main() {
  const { configureDatabase } = await import("@/lib/server/database");
  configureDatabase();
  const { migrateDatabase } = await import("@/db/migrate");
  const { db, dbClient } = await import("@/db/client");
  const { agents, projects, users } = await import("@/db/schema");
  const { createUser } = await import("@/lib/users/users");
  const { createConversation } = await import("@/lib/conversations/conversations");
  const { restoreCheckpoint, takeCheckpoint } = await import("@/lib/checkpoints/checkpoints");
  const { eq, sql } = await import("drizzle-orm");
  await migrateDatabase();
  const user = (await createUser({ email: "bench@example.com", name: "Bench" }))!;
  await db().update(users).set({ plan: "PRO" }).where(eq(users.id, user.id));
  const { dir, paths } = makeProject(FILES);
  const [project] = await db().insert(projects).values({ userId: user.id, name: "bench", path: dir }).returning({ id: projects.id });
  const [agent] = await db().insert(agents).values({ userId: user.id, name: "A", executor: "script" }).returning({ id: agents.id });
  const conv = await createConversation(user.id, { agentId: agent!.id, projectId: project!.id });
  const stored = async () => {
    const [r] = (await dbClient().execute("SELECT coalesce(sum(length(data)), 0) AS b FROM checkpoint_blobs")).rows;
    return Number(r!.b);
  };
  const dbBytes = async () => {
    await db().run(sql`PRAGMA wal_checkpoint(TRUNCATE)`).catch(() => undefined);
    const file = path.join(dataDir, "switchboard.db");
    return fs.existsSync(file) ? fs.statSync(file).size : 0;
  };
  const totalBytes = paths.reduce((s, p) => s + fs.statSync(path.join(dir, p)).size, 0);
  console.log(`project: ${FILES} files, ${(totalBytes / 1024 / 1024).toFixed(1)} MB; ${ROUNDS} rounds; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);

  const readAll: number[] = [];
  for (let i = 0; i < ROUNDS; i++) await time(readAll, () => paths.forEach((p) => fs.readFileSync(path.join(dir, p))));

  const first: number[] = [];
  await time(first, () => takeCheckpoint(user.id, conv.id, { label: "first" }));
  const afterFirst = await stored();
  row("first checkpoint", first[0]!, "read every file", p50(readAll));
  console.log(`  stored: ${(afterFirst / 1024).toFixed(0)} KB compressed for ${(totalBytes / 1024).toFixed(0)} KB of files`);

  const unchanged: number[] = [];
  const before = { blobs: await stored(), file: await dbBytes() };
  let last = "";
  for (let i = 0; i < ROUNDS; i++) last = (await time(unchanged, () => takeCheckpoint(user.id, conv.id))).id;
  const after = { blobs: await stored(), file: await dbBytes() };
  row("unchanged checkpoint, files < 2 s old (p50)", p50(unchanged), "read every file", p50(readAll));
  console.log(`  new blob bytes for ${ROUNDS} unchanged checkpoints: ${after.blobs - before.blobs}; database file grew ${((after.file - before.file) / ROUNDS / 1024).toFixed(1)} KB per checkpoint`);
  // Between two turns the files are older than the hash cache's 2 s racy window (lib/checkpoints/hash-cache.ts):
  // their hashes are trusted from the last checkpoint and nothing is read again. The first checkpoint
  // after the window re-reads once, then the measured ones hit the cache.
  await new Promise((r) => setTimeout(r, 2100));
  await takeCheckpoint(user.id, conv.id);
  const settled: number[] = [];
  for (let i = 0; i < ROUNDS; i++) last = (await time(settled, () => takeCheckpoint(user.id, conv.id))).id;
  row("unchanged checkpoint, between turns (p50)", p50(settled), "read every file", p50(readAll));

  const writeAll: number[] = [];
  const contents = paths.map((p) => fs.readFileSync(path.join(dir, p)));
  for (let i = 0; i < ROUNDS; i++) await time(writeAll, () => paths.forEach((p, j) => fs.writeFileSync(path.join(dir, p), contents[j]!)));

  const full: number[] = [];
  const few: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    fs.rmSync(path.join(dir, "src"), { recursive: true });
    const result = await time(full, () => restoreCheckpoint(user.id, last));
    if (result.written !== FILES) throw new Error(`restored ${result.written} files, expected ${FILES}`);
    for (let j = 0; j < 10; j++) fs.writeFileSync(path.join(dir, paths[j * 7]!), `changed ${i}\n`);
    await time(few, () => restoreCheckpoint(user.id, last));
  }
  row(`restore of ${FILES} deleted files (p50)`, p50(full), "write every file", p50(writeAll));
  row("restore of 10 changed files (p50)", p50(few), "write every file", p50(writeAll));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
