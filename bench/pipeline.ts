/**
 * Idea-pipeline benchmark, each figure next to a baseline measured in the same run:
 *  - an attempt end to end (worktree, agent turn, commit) vs the same agent as a plain run;
 *  - an attempt's diff and its merge, on a repository of realistic size;
 *  - loading the board (1,000 cards with tags, subtask counts, latest attempts) vs a bare
 *    SELECT of the same task rows.
 *
 *   npx tsx --conditions=react-server bench/pipeline.ts [attempts=10] [files=2000] [cards=1000]
 *
 * Uses its own temporary DATA_DIR and repository; takes about a minute.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-pipeline-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const [ATTEMPTS, FILES, CARDS] = [Number(process.argv[2] ?? 10), Number(process.argv[3] ?? 2000), Number(process.argv[4] ?? 1000)];
const AGENT_TASK = 'printf "%s\\n" "$SWITCHBOARD_PROMPT" | tail -n 1 >> notes.txt';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
async function time<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  samples.push(performance.now() - start);
  return result;
}
function row(label: string, value: number, baselineLabel: string, baseline: number) {
  console.log(`${label.padEnd(40)} ${ms(value).padStart(10)}   | ${baselineLabel.padEnd(34)} ${ms(baseline).padStart(10)}   | ${(value / baseline).toFixed(2)}x`);
}

/** A repository on main with `files` small files in nested folders, one commit. */
function makeRepo(files: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-repo-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=B", "-c", "user.email=b@b", ...args], { cwd: dir });
  git("init", "-q", "-b", "main");
  for (let i = 0; i < files; i++) {
    const folder = path.join(dir, "src", `m${i % 50}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `f${i}.ts`), `export const v${i} = ${i};\n`.repeat(20));
  }
  git("add", "-A");
  git("commit", "-q", "-m", "initial");
  return dir;
}

async function main() {
  const { migrateDatabase } = await import("@/db/migrate");
  const { db } = await import("@/db/client");
  const { agents, projects, tasks, taskTags, tags, users } = await import("@/db/schema");
  const { createUser } = await import("@/lib/users/users");
  const { getAgent } = await import("@/lib/agents/agents");
  const { createTask } = await import("@/lib/tasks/tasks");
  const { taskCreateSchema } = await import("@/lib/tasks/schemas");
  const { boardColumns } = await import("@/lib/tasks/board-columns");
  const { createAgentTurn } = await import("@/lib/runs/turns");
  const { executeRun } = await import("@/lib/runs/execute");
  const { startAttempt } = await import("@/lib/attempts/attempts");
  const { attemptDiff, mergeAttempt } = await import("@/lib/attempts/review");
  const { runAttemptJobDefinition } = await import("@/lib/attempts/jobs");
  const { eq } = await import("drizzle-orm");
  (await import("@/lib/server/database")).configureDatabase();
  await migrateDatabase();

  const user = (await createUser({ email: "bench@example.com", name: "Bench" }))!;
  await db().update(users).set({ plan: "PRO" }).where(eq(users.id, user.id)); // no monthly run limit in the way
  const repo = makeRepo(FILES);
  const [project] = await db().insert(projects).values({ userId: user.id, name: "bench", path: repo }).returning({ id: projects.id });
  const [agentRow] = await db().insert(agents).values({ userId: user.id, name: "Notes", executor: "script", defaultTask: AGENT_TASK }).returning({ id: agents.id });
  const agent = await getAgent(user.id, agentRow!.id);
  const signal = new AbortController().signal;
  console.log(`repository: ${FILES} files; ${ATTEMPTS} attempts; board of ${CARDS} cards; DATA_DIR ${dataDir}`);

  // ------------------------------------------------ attempts vs plain runs
  const gitFloor: number[] = [];
  const plain: number[] = [];
  const attempt: number[] = [];
  const diff: number[] = [];
  const merge: number[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    await time(plain, async () => {
      const runId = await createAgentTurn(user.id, { agent, projectId: project!.id, prompt: `plain ${i}`, cwd: repo });
      await executeRun(runId, signal);
    });
    // The plain run wrote into the checkout; put it back so merges stay fast-forwards.
    execFileSync("git", ["checkout", "-q", "--", "."], { cwd: repo });
    fs.rmSync(path.join(repo, "notes.txt"), { force: true });

    // The git floor: the same worktree made and committed in by bare git commands.
    await time(gitFloor, async () => {
      const dir = path.join(dataDir, `floor-${i}`);
      const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=B", "-c", "user.email=b@b", ...args], { cwd });
      git(repo, "worktree", "add", "-q", "-b", `floor-${i}`, dir, "main");
      fs.writeFileSync(path.join(dir, "notes.txt"), `floor ${i}\n`);
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "floor");
    });

    const task = await createTask(user.id, taskCreateSchema.parse({ projectId: project!.id, title: `Task ${i}` }));
    const started = await time(attempt, async () => {
      const a = await startAttempt(user.id, task.id, { agentId: agent.id, prompt: `attempt ${i}` });
      await runAttemptJobDefinition.run({ job: { id: `b${i}`, payload: { attemptId: a.id }, status: "running" } as never, signal, heartbeat: async () => true });
      return a;
    });
    await time(diff, () => attemptDiff(user.id, started.id));
    await time(merge, () => mergeAttempt(user.id, started.id, {}));
  }
  console.log("\nattempts (p50)");
  row("attempt: worktree + agent + commit", p50(attempt), "the same agent as a plain run", p50(plain));
  row("attempt: worktree + agent + commit", p50(attempt), "bare git worktree add + commit", p50(gitFloor));
  row("diff of an attempt", p50(diff), "the same agent as a plain run", p50(plain));
  row("merge of an attempt", p50(merge), "the same agent as a plain run", p50(plain));

  // ------------------------------------------------ the board
  const tagIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const [t] = await db().insert(tags).values({ userId: user.id, name: `tag${i}`, content: "…" }).returning({ id: tags.id });
    tagIds.push(t!.id);
  }
  const rows = Array.from({ length: CARDS }, (_, i) => ({ userId: user.id, projectId: project!.id, title: `Card ${i}`, priority: i % 4, status: "queued" as const }));
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await db().insert(tasks).values(rows.slice(i, i + 200)).returning({ id: tasks.id });
    await db().insert(taskTags).values(inserted.map((t, j) => ({ taskId: t.id, tagId: tagIds[j % tagIds.length]! })));
  }
  const board: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 20; i++) {
    await time(bare, () => db().select().from(tasks).where(eq(tasks.userId, user.id)));
    // A page as long as the board, so every card is loaded with its details, as the 1,000-card board did.
    await time(board, () => boardColumns(user.id, { projectId: project!.id }, CARDS + ATTEMPTS));
  }
  console.log("\nboard (p50 of 20)");
  row(`boardColumns, ${CARDS + ATTEMPTS} cards`, p50(board), "SELECT * FROM tasks of the user", p50(bare));
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  })
  .finally(() => fs.rmSync(dataDir, { recursive: true, force: true }));
