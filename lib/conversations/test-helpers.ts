import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "@/db/client";
import { agents, projects } from "@/db/schema";
import type { Executor } from "@/lib/domain";
import { waitFor } from "@/lib/queue/test-helpers";
import { apiAccount } from "@/tests/api";
import { getConversation, listMessages } from "./conversations";

/** Test fixtures only: a real project folder (a git repository) and an agent, for a fresh user. */

export const FAKE_CLAUDE = path.resolve(__dirname, "../../tests/stand-ins/fake-claude.mjs");

/** What the stand-ins leave in the project: ignored, so checkpoints leave them out as they would a build folder. */
const IGNORED = ".fake-claude-sessions/\nstand-in.json\nargv.jsonl\n";

export function makeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-chat-"));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  fs.writeFileSync(path.join(dir, ".gitignore"), IGNORED);
  fs.writeFileSync(path.join(dir, "README.md"), "hello\n");
  return dir;
}

export async function chatFixture(opts: { executor?: Executor; standIn?: Record<string, string>; model?: string; plan?: "FREE" | "PRO" } = {}) {
  const user = await apiAccount(`c-${Math.random().toString(36).slice(2)}@example.test`, opts.plan ?? "PRO");
  const dir = makeProject();
  fs.writeFileSync(path.join(dir, "stand-in.json"), JSON.stringify({ CHAT: "1", ARGV_FILE: "argv.jsonl", ...opts.standIn }));
  const [project] = await db().insert(projects).values({ userId: user.id, name: "chat", path: dir }).returning({ id: projects.id });
  const [agent] = await db()
    .insert(agents)
    .values({ userId: user.id, name: "Chatty", executor: opts.executor ?? "claude-code", model: opts.model ?? "sonnet" })
    .returning({ id: agents.id });
  return { user, userId: user.id, dir, projectId: project!.id, agentId: agent!.id };
}

/** The argv of each turn the stand-in CLI ran, in order. */
export const turnsArgv = (dir: string): string[][] =>
  fs
    .readFileSync(path.join(dir, "argv.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { argv: string[] }).argv);

export const flagValue = (argv: string[], name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

/** Waits until the conversation has nothing left to run, and returns its messages. */
export async function settledMessages(userId: string, conversationId: string) {
  await waitFor(async () => (await getConversation(userId, conversationId)).status === "idle", { what: "conversation idle", timeoutMs: 30_000 });
  return (await listMessages(userId, conversationId, { limit: 1000 })).data;
}
