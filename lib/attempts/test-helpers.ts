import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "@/db/client";
import { agents, projects, type Job } from "@/db/schema";
import { createTask } from "@/lib/tasks/tasks";
import { taskCreateSchema } from "@/lib/tasks/schemas";
import { apiAccount } from "@/tests/api";
import { runAttemptJobDefinition } from "./jobs";

/** Test fixtures only: real git repositories in temp folders, script agents that edit files. */

export function sh(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" }).trim();
}

/** A repository on `main` with one commit holding README.md. */
export function makeRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-attempt-repo-"));
  sh(dir, "init", "-q", "-b", "main");
  fs.writeFileSync(path.join(dir, "README.md"), "hello\n");
  sh(dir, "add", "-A");
  sh(dir, "commit", "-q", "-m", "initial");
  return dir;
}

/** The last line of the agent's prompt (the person's message) appended to notes.txt. */
export const NOTES_AGENT = 'printf "%s\\n" "$SWITCHBOARD_PROMPT" | tail -n 1 >> notes.txt';

export async function fixture(opts: { setupScript?: string; agentTask?: string; repo?: string } = {}) {
  const user = await apiAccount(`a-${Math.random().toString(36).slice(2)}@example.test`);
  const repo = opts.repo ?? makeRepo();
  const [project] = await db()
    .insert(projects)
    .values({ userId: user.id, name: "repo", path: repo, config: opts.setupScript ? { setupScript: opts.setupScript } : {} })
    .returning({ id: projects.id });
  const [agent] = await db()
    .insert(agents)
    .values({ userId: user.id, name: "Scripted", executor: "script", defaultTask: opts.agentTask ?? NOTES_AGENT })
    .returning({ id: agents.id });
  const task = await createTask(user.id, taskCreateSchema.parse({ projectId: project!.id, title: "Add notes file", description: "Write notes." }));
  return { user, userId: user.id, repo, projectId: project!.id, agentId: agent!.id, taskId: task.id };
}

/** Runs the attempt's job in this process, as a worker would. */
export async function runJob(attemptId: string, signal: AbortSignal = new AbortController().signal) {
  const job = { id: `job-${attemptId}`, payload: { attemptId }, status: "running" } as unknown as Job;
  return runAttemptJobDefinition.run({ job, signal, heartbeat: async () => true });
}

export const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
export const exists = (dir: string, file: string) => fs.existsSync(path.join(dir, file));
