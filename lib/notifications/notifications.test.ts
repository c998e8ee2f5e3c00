import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users, type Job } from "@/db/schema";
import { GET as list } from "@/app/api/v1/notifications/route";
import { POST as markRead } from "@/app/api/v1/notifications/read/route";
import { createAgent } from "@/lib/agents/agents";
import { createProject } from "@/lib/projects/projects";
import { runAgentJobDefinition } from "@/lib/runs/execute";
import { startRun } from "@/lib/runs/lifecycle";
import { updateMeSettings } from "@/lib/users/settings";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { startAttempt } from "@/lib/attempts/attempts";
import { fixture, runJob } from "@/lib/attempts/test-helpers";
import { createIdea } from "@/lib/ideas/ideas";
import { startRefinement } from "@/lib/ideas/refine";
import { printLines, runNextRefineJob, scriptAgent } from "@/lib/ideas/test-helpers";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/notifications";
let alice: { id: string; auth: string; agentId: string; projectId: string };
let bob: { id: string; auth: string };

/** A run started like POST /runs, executed by its own run_agent job, as the worker does. */
async function runToEnd(task: string) {
  const run = await startRun(alice.id, { agentId: alice.agentId, projectId: alice.projectId, task });
  await runAgentJobDefinition.run({ job: { id: run.id, payload: { runId: run.id } } as unknown as Job, signal: new AbortController().signal, heartbeat: async () => true });
  return run.id;
}

async function bell(auth: string) {
  const response = await list(apiRequest(`${BASE}?limit=5`, auth), idParams(""));
  return (await response.json()) as { data: Array<{ id: string; kind: string; title: string; link: string; read: boolean }>; unread: number };
}

beforeAll(async () => {
  const a = await apiAccount("bell-alice@example.com");
  await db().update(users).set({ role: "user" }).where(eq(users.id, a.id));
  const agent = await createAgent(a.id, { name: "Shell", executor: "script", icon: "bot", systemPrompt: "", defaultTask: null, model: "x", type: "development", tools: [], hooks: null, enableFileRead: true, enableFileWrite: true, enableNetwork: false });
  const project = await createProject(a.id, { name: "bell" });
  alice = { ...a, agentId: agent.id, projectId: project.id };
  bob = await apiAccount("bell-bob@example.com");
});

describe("notifications", () => {
  it("a run that finishes or fails notifies its owner (only), with a link to it; marking read clears the count", async () => {
    const ok = await runToEnd("echo done");
    const bad = await runToEnd("exit 3");
    const mine = await bell(alice.auth);
    expect(mine.unread).toBe(2);
    expect(mine.data.map((n) => [n.kind, n.title, n.link, n.read])).toEqual([
      ["runFailed", "Run failed (Shell): exit 3", `/runs/${bad}`, false],
      ["runFinished", "Run finished (Shell): echo done", `/runs/${ok}`, false],
    ]);
    expect(await bell(bob.auth)).toEqual({ data: [], unread: 0 });

    // Bob cannot mark Alice's read; Alice can, one or all.
    await markRead(apiRequest(`${BASE}/read`, bob.auth, "POST", { ids: mine.data.map((n) => n.id) }), idParams(""));
    expect((await bell(alice.auth)).unread).toBe(2);
    const one = await markRead(apiRequest(`${BASE}/read`, alice.auth, "POST", { ids: [mine.data[0]!.id] }), idParams(""));
    expect(((await one.json()) as { unread: number }).unread).toBe(1);
    await markRead(apiRequest(`${BASE}/read`, alice.auth, "POST", {}), idParams(""));
    expect((await bell(alice.auth)).unread).toBe(0);
  });

  it("follows the user's settings: with 'run finished' off, only failures notify", async () => {
    await updateMeSettings(alice.id, { notifications: { runFinished: false } });
    await runToEnd("echo quiet");
    await runToEnd("false");
    const { data, unread } = await bell(alice.auth);
    expect(unread).toBe(1);
    expect(data[0]).toMatchObject({ kind: "runFailed", title: "Run failed (Shell): false" });
  });

  it("an attempt ready to merge and an agent's questions notify too", async () => {
    const f = await fixture();
    const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt: "write the notes" });
    await runJob(attempt.id);
    const afterAttempt = await bell(f.user.auth);
    expect(afterAttempt.data.map((n) => [n.kind, n.title, n.link])).toEqual([["attemptReadyToMerge", "Attempt ready to merge: Add notes file", `/board/attempts/${attempt.id}`]]);

    const refiner = await scriptAgent(f.userId, printLines("```switchboard-questions", '["Which database?", "How many users?"]', "```"));
    const idea = await createIdea(f.userId, { projectId: f.projectId, title: "Store things", description: "", priority: 1, source: "web" });
    await startRefinement(f.userId, idea.id, refiner.id);
    await runNextRefineJob();
    const { data } = await bell(f.user.auth);
    expect(data[0]).toMatchObject({ kind: "questionAsked", title: 'The agent asked 2 questions about "Store things"', link: "/ideas" });
  });
});
