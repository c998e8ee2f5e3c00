import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/agents";
import { createProject } from "@/lib/projects/projects";
import { jobHandlers } from "@/lib/server/job-handlers";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { createUser } from "@/lib/users/users";
import { readEvents } from "./events";
import { startRun } from "./lifecycle";
import { getRunForUser } from "./runs";

/**
 * A real `npm run worker` process (scripts/worker.ts) runs a script run; we
 * kill -9 it mid-run. The next worker to start must, within 10 s, mark the run
 * failed as interrupted, keep every line it had printed, and kill the
 * orphaned command it left behind.
 */
const children: ChildProcess[] = [];
let nextWorker: Worker | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await nextWorker?.stop({ drainMs: 0, abortGraceMs: 200 });
});

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("crash recovery", () => {
  it("a run whose worker process was killed with SIGKILL fails as interrupted within 10 s, keeping its lines", { timeout: 90_000 }, async () => {
    const user = (await createUser({ email: "crash@example.com" }))!;
    const project = await createProject(user.id, { name: "crash" });
    const agent = await createAgent(user.id, {
      name: "sh",
      executor: "script",
      model: "sonnet",
      icon: "terminal",
      type: "development",
      systemPrompt: "",
      defaultTask: null,
      tools: [],
      hooks: null,
      enableFileRead: true,
      enableFileWrite: true,
      enableNetwork: false,
    });
    // The command beats into a file inside its sandbox; the beats stop once it is dead.
    const beatFile = path.join(project.path, "beats");
    const run = await startRun(user.id, {
      agentId: agent.id,
      projectId: project.id,
      task: `for i in 1 2 3; do echo "line $i"; done; for i in $(seq 600); do echo beat >> beats; sleep 0.1; done; echo never`,
    });

    const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: process.env.DATA_DIR },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(worker);
    let output = "";
    worker.stdout!.on("data", (d) => (output += d));
    worker.stderr!.on("data", (d) => (output += d));

    // The worker process picks the run up and the command prints its lines.
    await waitFor(
      "the run's lines",
      async () => (await readEvents(run.id, 0, 100)).filter((e) => e.event === "log").length >= 3,
      30_000,
    ).catch((error) => {
      throw new Error(`${error.message}; worker said: ${output}`);
    });
    const beats = () => (fs.existsSync(beatFile) ? fs.readFileSync(beatFile, "utf8").length : 0);
    const before = beats();
    await waitFor("the command to beat", async () => beats() > before, 5_000);

    worker.kill("SIGKILL");
    await new Promise((r) => worker.once("exit", r));
    const killedAt = Date.now();

    // The next worker to start (here, in this process) reconciles.
    nextWorker = startWorker({ handlers: jobHandlers, keepAlive: false });
    const failed = await waitFor(
      "the run to be marked failed",
      async () => {
        const r = await getRunForUser(user.id, run.id);
        return r.status !== "running" && r;
      },
      15_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/interrupted/);

    const texts = (await readEvents(run.id, 0, 100)).filter((e) => e.event === "log").map((e) => (e.data as { text: string }).text);
    expect(texts.slice(0, 3)).toEqual(["line 1", "line 2", "line 3"]);
    expect(texts).not.toContain("never");
    // The orphaned command is gone too.
    const stopped = beats();
    await new Promise((r) => setTimeout(r, 500));
    expect(beats()).toBe(stopped);
  });
});
