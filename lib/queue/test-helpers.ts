import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import readline from "node:readline";
import { dbClient } from "@/db/client";
import { type Plan } from "@/lib/domain";
import { testUser } from "@/tests/factories";

/** Test-only helpers for the queue tests (not imported by app code). */

export async function resetQueueTables() {
  await dbClient().execute("DELETE FROM jobs");
  await dbClient().execute("DELETE FROM users");
}

export async function createTestUser(plan: Plan = "FREE"): Promise<string> {
  return (await testUser({ plan })).id;
}

/** Poll until `check` returns a truthy value (generous default bound; tests assert outcomes, not speed). */
export async function waitFor<T>(check: () => Promise<T> | T, { timeoutMs = 15_000, intervalMs = 20, what = "condition" } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export type ChildWorker = {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  stderr: string[];
  ready: Promise<void>;
  exited: Promise<number | null>;
  go(): void;
};

/** Start lib/queue/test-fixtures/child-worker.ts in a real child process on this test file's database. */
export function spawnChildWorker(env: Record<string, string> = {}): ChildWorker {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.join(root, "lib/queue/test-fixtures/child-worker.ts")],
    { cwd: root, env: { ...process.env, DATA_DIR: process.env.DATA_DIR!, ...env }, stdio: ["pipe", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const stderr: string[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  readline.createInterface({ input: proc.stdout }).on("line", (line) => {
    if (line === "ready") markReady();
    else lines.push(line);
  });
  readline.createInterface({ input: proc.stderr }).on("line", (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, lines, stderr, ready, exited, go: () => proc.stdin.write("go\n") };
}
