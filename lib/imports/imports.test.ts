import { deleteForever } from "@/lib/trash/trash";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listImportsRoute, POST as createImportRoute } from "@/app/api/v1/imports/route";
import { GET as getImportRoute } from "@/app/api/v1/imports/[id]/route";
import { GET as runLogRoute } from "@/app/api/v1/runs/[id]/log/route";
import { db } from "@/db/client";
import { agentRuns, agents, conversations, executionProcesses, importItems, imports, merges, projects, tags, taskAttempts, tasks } from "@/db/schema";
import { newId } from "@/lib/domain/ids";
import { runImportJobDefinition } from "./job";
import { createAgent, deleteAgent } from "@/lib/agents/agents";
import { deleteProject } from "@/lib/projects/projects";
import { resetConfigForTests } from "@/lib/config";
import { attachProject } from "@/lib/projects/detached";
import { createRun } from "@/lib/runs/lifecycle";
import { startWorker } from "@/lib/queue/worker";
import { jobHandlers } from "@/lib/server/job-handlers";
import { apiAccount, idParams } from "@/tests/api";
import { buildOpcodeDb, buildVibeKanbanDb, OPCODE_HOOKS, OPCODE_SESSIONS, VK, zipOf } from "@/tests/fixtures/import-databases";
import type { ImportView } from "./schemas";

/*
 * Imports end to end: the other tools' databases are built from their own schemas
 * (tests/fixtures/*), uploaded as raw bodies to POST /api/v1/imports, read by the real
 * run_import job in a real worker, and what a user then has is checked through the API and lib.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "imports-test-"));
const root = path.join(tmp, "code");
const attached = path.join(root, "commit-bot-repo");
const vkRepo = path.join(root, "todo-app");
const elsewhere = "/home/alice/secret-project";
const opcodeDb = path.join(tmp, "agents.db");
const vkDb = path.join(tmp, "db.sqlite");

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const worker = startWorker({ handlers: jobHandlers, pollMs: 30, logger: quiet });

beforeAll(async () => {
  fs.mkdirSync(attached, { recursive: true });
  fs.mkdirSync(vkRepo, { recursive: true });
  process.env.PROJECT_ROOTS = root;
  resetConfigForTests();
  await buildOpcodeDb(opcodeDb, { attached, elsewhere });
  await buildVibeKanbanDb(vkDb, vkRepo);
});
afterAll(async () => {
  await worker.stop({ drainMs: 0, abortGraceMs: 500 });
  delete process.env.PROJECT_ROOTS;
  resetConfigForTests();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function upload(auth: string, source: string, body: Buffer | string, fileName = "file") {
  return createImportRoute(
    new Request(`http://localhost/api/v1/imports?source=${source}&fileName=${encodeURIComponent(fileName)}`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/octet-stream" },
      body: typeof body === "string" ? body : new Uint8Array(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function getImport(auth: string, id: string) {
  return getImportRoute(new Request(`http://localhost/api/v1/imports/${id}`, { headers: { authorization: auth } }), idParams(id));
}

/** Uploads, then waits for the job to finish; returns the report. */
async function importFile(auth: string, source: string, body: Buffer | string): Promise<ImportView> {
  const response = await upload(auth, source, body);
  expect(response.status, await response.clone().text()).toBe(202);
  const { id } = (await response.json()) as { id: string };
  for (let i = 0; i < 400; i++) {
    const report = (await (await getImport(auth, id)).json()) as ImportView;
    if (report.status === "done" || report.status === "failed") return report;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("import did not finish");
}

async function logText(auth: string, runId: string) {
  const response = await runLogRoute(new Request(`http://localhost/api/v1/runs/${runId}/log?format=text`, { headers: { authorization: auth } }), idParams(runId));
  return response.text();
}

const counts = (report: ImportView) => report.counts;

describe("opcode agents.db", () => {
  it("brings agents (prompt, icon, model, permissions, hooks) and their runs into a project per folder; a folder outside PROJECT_ROOTS becomes a detached project that can be pointed at a folder later", async () => {
    const alice = await apiAccount("alice-opcode@example.test", "PRO");
    const uploaded = fs.readFileSync(opcodeDb);
    const report = await importFile(alice.auth, "opcode", uploaded);
    expect(report.status).toBe("done");
    expect(counts(report)).toEqual({
      agents: { imported: 2, skipped: 1 },
      projects: { imported: 2, skipped: 0 },
      runs: { imported: 3, skipped: 1 },
      settings: { imported: 0, skipped: 1 },
    });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "agents", count: 1, example: "Broken Hooks", reason: expect.stringContaining("hooks") }),
        expect.objectContaining({ kind: "runs", count: 1, reason: "its agent was left out" }),
        expect.objectContaining({ kind: "settings", example: "claude_binary_path" }),
      ]),
    );
    // The upload is never changed (the job worked on its own copy and removed it).
    expect(fs.readFileSync(opcodeDb).equals(uploaded)).toBe(true);

    const mine = await db().select().from(agents).where(eq(agents.userId, alice.id));
    const bot = mine.find((a) => a.name === "Git Commit Bot")!;
    expect(bot).toMatchObject({ icon: "git", systemPrompt: "You write conventional commit messages for staged changes.", defaultTask: "Commit the staged changes", model: "sonnet", executor: "claude-code", enableFileRead: true, enableFileWrite: true, enableNetwork: false, hooks: OPCODE_HOOKS });
    expect(mine.find((a) => a.name === "Security Scanner")).toMatchObject({ model: "opus", enableFileWrite: false, enableNetwork: true, hooks: null });

    const runs = await db().select().from(agentRuns).where(eq(agentRuns.userId, alice.id));
    expect(runs.map((r) => [r.task, r.status, r.sessionId, r.source]).sort()).toEqual([
      ["Commit the release notes", "failed", OPCODE_SESSIONS.commit2, "import"],
      ["Commit the staged changes", "completed", OPCODE_SESSIONS.commit1, "import"],
      ["Scan the repository for leaked secrets", "failed", OPCODE_SESSIONS.scan, "import"],
    ]);
    const committed = runs.find((r) => r.task === "Commit the staged changes")!;
    expect(committed).toMatchObject({ agentId: bot.id, model: "sonnet", createdAt: "2025-08-05T10:00:00.000Z", startedAt: "2025-08-05T10:00:01.000Z", completedAt: "2025-08-05T10:02:30.000Z" });
    expect(await logText(alice.auth, committed.id)).toContain(`${OPCODE_SESSIONS.commit1}.jsonl`);
    expect(runs.find((r) => r.task.startsWith("Scan"))!.error).toContain("running");

    const projectRows = await db().select().from(projects).where(eq(projects.userId, alice.id));
    const attachedProject = projectRows.find((p) => p.path === attached)!;
    expect(attachedProject).toMatchObject({ detachedFrom: null, name: "commit-bot-repo" });
    const detached = projectRows.find((p) => p.detachedFrom === elsewhere)!;
    expect(detached.path.startsWith(path.join(process.env.DATA_DIR!, "detached"))).toBe(true);
    expect(fs.existsSync(detached.path)).toBe(false);
    expect(runs.find((r) => r.task.startsWith("Scan"))!.projectId).toBe(detached.id);

    // A detached project runs nothing, until it is pointed at a folder.
    const spec = { agentId: bot.id, projectId: detached.id, executor: "script" as const, task: "ls", model: null, input: { systemPrompt: "", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false } };
    await expect(createRun(alice.id, spec, { enqueue: false })).rejects.toThrow(/no folder here \(it was at \/home\/alice\/secret-project\)/);
    const newHome = path.join(root, "secret-project");
    fs.mkdirSync(newHome);
    await expect(attachProject(alice.id, detached.id, "/etc")).rejects.toThrow(/outside the folders/);
    expect((await attachProject(alice.id, detached.id, newHome)).detachedFrom).toBeNull();
    await expect(createRun(alice.id, spec, { enqueue: false })).resolves.toMatch(/[0-9a-f-]{36}/);

    // The same file again imports nothing twice.
    const again = await importFile(alice.auth, "opcode", uploaded);
    expect(again.status).toBe("done");
    expect(counts(again)).toEqual({ agents: { imported: 0, skipped: 3 }, runs: { imported: 0, skipped: 4 }, settings: { imported: 0, skipped: 1 } });
    expect(again.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "runs", reason: "already imported by an earlier import", count: 3 })]));
    expect(await db().$count(agents, eq(agents.userId, alice.id))).toBe(2);
    expect(await db().$count(agentRuns, and(eq(agentRuns.userId, alice.id), eq(agentRuns.source, "import")))).toBe(3);
    expect(await db().$count(projects, eq(projects.userId, alice.id))).toBe(2);

    // Another user sees none of it.
    const bob = await apiAccount("bob-opcode@example.test", "PRO");
    expect((await getImport(bob.auth, report.id)).status).toBe(404);
    const bobList = (await (await listImportsRoute(new Request("http://localhost/api/v1/imports", { headers: { authorization: bob.auth } }), { params: Promise.resolve({}) })).json()) as { data: unknown[] };
    expect(bobList.data).toEqual([]);
    expect(await db().$count(agentRuns, eq(agentRuns.userId, bob.id))).toBe(0);
  });

  it("leaves what sits in the trash there (restore brings it back), and brings back, on the next import, what was deleted for good; nothing else twice", async () => {
    const ivan = await apiAccount("ivan-opcode@example.test", "PRO");
    const file = fs.readFileSync(opcodeDb);
    expect((await importFile(ivan.auth, "opcode", file)).status).toBe("done");
    const [scanner] = await db().select({ id: agents.id }).from(agents).where(and(eq(agents.userId, ivan.id), eq(agents.name, "Security Scanner")));
    await deleteAgent(ivan.id, scanner!.id);
    const detached = (await db().select().from(projects).where(eq(projects.userId, ivan.id))).find((p) => p.detachedFrom === elsewhere)!;
    await deleteProject(ivan.id, detached.id);
    // In the trash: still known, so an import does not make a second copy beside it.
    const whileTrashed = await importFile(ivan.auth, "opcode", file);
    expect(whileTrashed.status, whileTrashed.error ?? "").toBe("done");
    expect(whileTrashed.counts).toMatchObject({ agents: { imported: 0 }, runs: { imported: 0 } });
    await deleteForever(ivan.id, "agent", scanner!.id);
    await deleteForever(ivan.id, "project", detached.id);
    const again = await importFile(ivan.auth, "opcode", file);
    expect(again.status, again.error ?? "").toBe("done");
    expect(again.counts).toMatchObject({ agents: { imported: 1, skipped: 2 }, projects: { imported: 1, skipped: 0 }, runs: { imported: 1, skipped: 3 } });
    expect(await db().$count(agents, eq(agents.userId, ivan.id))).toBe(2);
    expect(await db().$count(agentRuns, eq(agentRuns.userId, ivan.id))).toBe(3);
  });

  it("on FREE, takes the agents that fit and says which did not, and why", async () => {
    const carol = await apiAccount("carol-opcode@example.test", "FREE");
    await createAgent(carol.id, { name: "Mine", icon: "bot", systemPrompt: "", model: "sonnet", executor: "script", type: "development", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false, hooks: null, mcpServerIds: [] } as never);
    await createAgent(carol.id, { name: "Mine too", icon: "bot", systemPrompt: "", model: "sonnet", executor: "script", type: "development", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false, hooks: null, mcpServerIds: [] } as never);
    const report = await importFile(carol.auth, "opcode", fs.readFileSync(opcodeDb));
    expect(report.status).toBe("done");
    expect(report.counts.agents).toEqual({ imported: 1, skipped: 2 });
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "agents", example: "Security Scanner", reason: expect.stringMatching(/did not fit your FREE plan \(3 Agents at most\)/) })]));
    // The runs of the agent that did not fit are left out too, and say so.
    expect(report.counts.runs).toEqual({ imported: 2, skipped: 2 });
    expect(await db().$count(agents, eq(agents.userId, carol.id))).toBe(3);
  });
});

describe("vibe-kanban db.sqlite", () => {
  it("brings the project (with its setup script), tasks with their statuses, attempts with branch, their processes as runs with logs and session ids, tags; images are reported", async () => {
    const dana = await apiAccount("dana-vk@example.test", "PRO");
    const uploaded = fs.readFileSync(vkDb);
    const report = await importFile(dana.auth, "vibe-kanban", uploaded);
    expect(report.status, report.error ?? "").toBe("done");
    expect(counts(report)).toMatchObject({
      projects: { imported: 1, skipped: 0 },
      tasks: { imported: 6, skipped: 0 },
      attempts: { imported: 2, skipped: 0 },
      runs: { imported: 3, skipped: 0 },
      tags: { imported: 2, skipped: 0 },
      images: { imported: 0, skipped: 1 },
    });
    expect(fs.readFileSync(vkDb).equals(uploaded)).toBe(true);

    const [project] = await db().select().from(projects).where(eq(projects.userId, dana.id));
    expect(project).toMatchObject({ name: "todo-app", path: vkRepo, detachedFrom: null, config: { setupScript: "npm install" } });

    const taskRows = await db().select().from(tasks).where(eq(tasks.userId, dana.id));
    const byTitle = Object.fromEntries(taskRows.map((t) => [t.title, t]));
    expect(Object.fromEntries(taskRows.map((t) => [t.title, t.status]))).toEqual({
      "Add dark mode": "queued",
      "Write the README": "in_progress",
      "Add a login page": "review",
      "Set up CI": "done",
      "Rewrite in Rust": "cancelled",
      "Add password reset": "queued",
    });
    expect(byTitle["Add password reset"]!.parentTaskId).toBe(byTitle["Add a login page"]!.id);

    const attempts = await db().select().from(taskAttempts).where(eq(taskAttempts.taskId, byTitle["Add a login page"]!.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ branch: "vk/3a1b-add-a-login-page", baseBranch: "main", status: "completed" });
    expect(await db().select({ kind: merges.kind, prUrl: merges.prUrl }).from(merges).where(eq(merges.attemptId, attempts[0]!.id))).toEqual([{ kind: "pr", prUrl: "https://github.com/example/todo-app/pull/17" }]);

    const processes = await db().select().from(executionProcesses).where(eq(executionProcesses.attemptId, attempts[0]!.id));
    expect(processes.map((p) => p.kind).sort()).toEqual(["coding_agent", "setup"]);
    const runs = await db().select().from(agentRuns).where(eq(agentRuns.userId, dana.id));
    const coding = runs.find((r) => r.id === processes.find((p) => p.kind === "coding_agent")!.runId)!;
    expect(coding).toMatchObject({
      executor: "claude-code",
      source: "attempt",
      sourceId: attempts[0]!.id,
      sessionId: VK.claudeSession,
      status: "completed",
      exitCode: 0,
      task: "Add a login page\n\nEmail and password.",
      inputTokens: 1850,
      outputTokens: 120,
      costUsd: 0.0421,
      startedAt: "2025-11-03T09:00:21.000Z",
    });
    const codingLog = await logText(dana.auth, coding.id);
    expect(codingLog).toContain("I'll add a login page with email and password.");
    expect(codingLog).toContain(`Session ${VK.claudeSession}`);
    expect(codingLog).toContain("src/login.tsx");
    const setup = runs.find((r) => r.id === processes.find((p) => p.kind === "setup")!.runId)!;
    expect(setup).toMatchObject({ executor: "script", task: "npm install", status: "completed" });
    const setupLog = await logText(dana.auth, setup.id);
    expect(setupLog).toContain("added 42 packages, and audited 43 packages in 2s");
    expect(setupLog).toContain("npm warn deprecated inflight@1.0.6");
    const amp = runs.find((r) => r.task === "Set up CI")!;
    expect(amp).toMatchObject({ status: "cancelled", executor: "script" });
    expect(await logText(dana.auth, amp.id)).toContain("a AMP turn");

    expect((await db().select({ name: tags.name }).from(tags).where(eq(tags.userId, dana.id))).map((t) => t.name).sort()).toEqual(["add_unit_tests", "bug_fix"]);

    // Importing it again brings nothing twice.
    const again = await importFile(dana.auth, "vibe-kanban", uploaded);
    expect(again.counts).toMatchObject({ projects: { imported: 0, skipped: 1 }, tasks: { imported: 0, skipped: 6 }, attempts: { imported: 0, skipped: 2 }, tags: { imported: 0, skipped: 2 } });
    expect(await db().$count(tasks, eq(tasks.userId, dana.id))).toBe(6);
    expect(await db().$count(agentRuns, eq(agentRuns.userId, dana.id))).toBe(3);
  });
});

describe("vibe-kanban db.sqlite, v0.0.138 layout (folder and scripts in repos/project_repos)", () => {
  it("finds the project's folder, setup script and target branches where that layout keeps them", async () => {
    const file = path.join(tmp, "db-v0.0.138.sqlite");
    // Its own folder: vkRepo is another user's project by now, so it would come in detached.
    const folder = path.join(root, "todo-app-2");
    fs.mkdirSync(folder);
    await buildVibeKanbanDb(file, folder, "v0.0.138");
    const hana = await apiAccount("hana-vk@example.test", "PRO");
    const report = await importFile(hana.auth, "vibe-kanban", fs.readFileSync(file));
    expect(report.status, report.error ?? "").toBe("done");
    expect(report.counts).toMatchObject({ projects: { imported: 1, skipped: 0 }, tasks: { imported: 6, skipped: 0 }, attempts: { imported: 2, skipped: 0 }, runs: { imported: 3, skipped: 0 } });
    const [project] = await db().select().from(projects).where(eq(projects.userId, hana.id));
    expect(project).toMatchObject({ path: folder, detachedFrom: null, config: { setupScript: "npm install" } });
    const [login] = await db().select({ id: tasks.id }).from(tasks).where(and(eq(tasks.userId, hana.id), eq(tasks.title, "Add a login page")));
    expect(await db().select({ branch: taskAttempts.branch, baseBranch: taskAttempts.baseBranch }).from(taskAttempts).where(eq(taskAttempts.taskId, login!.id))).toEqual([
      { branch: "vk/3a1b-add-a-login-page", baseBranch: "main" },
    ]);
  });
});

describe("files that are not what they claim", () => {
  it("are refused with a reason, and import nothing", async () => {
    const erin = await apiAccount("erin-wrong@example.test", "PRO");
    // Not SQLite at all: refused at upload.
    const text = await upload(erin.auth, "opcode", "hello, I am a text file");
    expect(text.status).toBe(400);
    expect(((await text.json()) as { error: { message: string } }).error.message).toMatch(/not an SQLite database/);
    // A vibe-kanban database given as opcode's: the job refuses it.
    const swapped = await importFile(erin.auth, "opcode", fs.readFileSync(vkDb));
    expect(swapped).toMatchObject({ status: "failed", error: "This is not opcode agents.db: it has no agents table.", counts: {} });
    const swappedBack = await importFile(erin.auth, "vibe-kanban", fs.readFileSync(opcodeDb));
    expect(swappedBack).toMatchObject({ status: "failed", error: expect.stringMatching(/not vibe-kanban db.sqlite: it has no (projects|task_attempts) table/) });
    // A later vibe-kanban layout (workspaces and sessions).
    const newer = path.join(tmp, "newer.sqlite");
    const client = createClient({ url: `file:${newer}` });
    await client.executeMultiple("CREATE TABLE projects (id BLOB PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE workspaces (id BLOB PRIMARY KEY); CREATE TABLE sessions (id BLOB PRIMARY KEY);");
    client.close();
    expect(await importFile(erin.auth, "vibe-kanban", fs.readFileSync(newer))).toMatchObject({ status: "failed", error: expect.stringContaining("v0.0.139 or later") });
    // A hostile opcode file: `agents` is a view, not a table.
    const hostile = path.join(tmp, "hostile.db");
    const h = createClient({ url: `file:${hostile}` });
    await h.executeMultiple(
      "CREATE TABLE real_agents (id INTEGER, name TEXT, icon TEXT, system_prompt TEXT); CREATE VIEW agents AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS id, 'n' AS name, 'i' AS icon, 'p' AS system_prompt FROM c; CREATE TABLE agent_runs (id INTEGER, agent_id INTEGER, task TEXT, model TEXT, project_path TEXT, created_at TEXT);",
    );
    h.close();
    expect(await importFile(erin.auth, "opcode", fs.readFileSync(hostile))).toMatchObject({ status: "failed", error: "This is not opcode agents.db: it has no agents table." });
    // A real opcode database with one giant value (17 MB in a system prompt).
    const giant = path.join(tmp, "giant.db");
    await buildOpcodeDb(giant, { attached, elsewhere });
    const g = createClient({ url: `file:${giant}` });
    await g.execute("UPDATE agents SET system_prompt = zeroblob(17 * 1024 * 1024) WHERE id = 1");
    g.close();
    expect(await importFile(erin.auth, "opcode", fs.readFileSync(giant))).toMatchObject({ status: "failed", error: "A value in the agents table is larger than 16 MiB; such a file is not imported." });
    // A damaged file that starts like SQLite.
    const damaged = Buffer.concat([fs.readFileSync(opcodeDb).subarray(0, 100), Buffer.alloc(5000, 0xff)]);
    expect((await importFile(erin.auth, "opcode", damaged)).status).toBe("failed");

    expect(await db().$count(agents, eq(agents.userId, erin.id))).toBe(0);
    expect(await db().$count(projects, eq(projects.userId, erin.id))).toBe(0);
    expect(await db().$count(agentRuns, eq(agentRuns.userId, erin.id))).toBe(0);
    expect(fs.readdirSync(path.join(process.env.DATA_DIR!, "imports"))).toEqual([]);
  });
});

describe("limits and interruptions", () => {
  it("refuses a file over the plan's size before reading it (413)", async () => {
    const jo = await apiAccount("jo-size@example.test", "FREE");
    const response = await createImportRoute(
      new Request("http://localhost/api/v1/imports?source=opcode", {
        method: "POST",
        headers: { authorization: jo.auth, "content-length": String(101 * 1024 * 1024) },
        body: "SQLite format 3",
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("Your FREE plan imports files of at most 100 MiB.");
  });

  it("a worker that dies mid-import leaves nothing of it: what it wrote is deleted and the import says why", async () => {
    const kim = await apiAccount("kim-crash@example.test", "PRO");
    const agent = await createAgent(kim.id, { name: "Half imported", icon: "bot", systemPrompt: "", model: "sonnet", executor: "script", type: "development", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false, hooks: null, mcpServerIds: [] } as never);
    const importId = newId();
    await db().insert(imports).values({ id: importId, userId: kim.id, source: "opcode", sizeBytes: 1, sha256: "x", status: "running" });
    await db().insert(importItems).values({ userId: kim.id, source: "opcode", kind: "agents", sourceKey: "1@2025-08-01 09:00:00", targetId: agent.id, importId });
    await runImportJobDefinition.onInterrupted!({ id: newId(), payload: { importId } } as never);
    expect(await db().$count(agents, eq(agents.userId, kim.id))).toBe(0);
    const report = (await (await getImport(kim.auth, importId)).json()) as ImportView;
    expect(report).toMatchObject({ status: "failed", error: "The server stopped during the import; nothing was imported. Upload the file again." });
  });
});

describe("Claude Code sessions", () => {
  const session = fs.readFileSync(path.resolve(__dirname, "../../tests/fixtures/claude-code/session.jsonl"), "utf8");
  const other = session.replaceAll("3f6c2a10-8b7e-4d21-9c4a-5e0b1d2f7a93", "4a7d3b21-9c8f-4e32-ad5b-6f1c2e3a8b04");

  it("imports a zip of ~/.claude/projects as conversations (skipping what is not a session), one file alone, and nothing twice", async () => {
    const finn = await apiAccount("finn-claude@example.test", "PRO");
    await createAgent(finn.id, { name: "Claude", icon: "bot", systemPrompt: "", model: "sonnet", executor: "claude-code", type: "development", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: true, hooks: null, mcpServerIds: [] } as never);
    const zip = zipOf([
      { name: "projects/-home-dev-tool/3f6c2a10-8b7e-4d21-9c4a-5e0b1d2f7a93.jsonl", content: session },
      { name: "projects/-home-dev-tool/notes.txt", content: "not a session" },
      { name: "projects/-home-dev-tool/broken.jsonl", content: "{not json\n" },
    ]);
    const report = await importFile(finn.auth, "claude-code", zip);
    expect(report.status, report.error ?? "").toBe("done");
    expect(report.counts.conversations).toEqual({ imported: 1, skipped: 2 });
    expect(report.counts.projects).toEqual({ imported: 1, skipped: 0 });
    const [conv] = await db().select().from(conversations).where(eq(conversations.userId, finn.id));
    expect(conv).toMatchObject({ title: "Add a --version flag to the CLI", sessionId: "3f6c2a10-8b7e-4d21-9c4a-5e0b1d2f7a93" });
    // Recorded in /home/dev/tool, which is not under PROJECT_ROOTS here: a detached project.
    const [project] = await db().select().from(projects).where(eq(projects.id, conv!.projectId!));
    expect(project!.detachedFrom).toBe("/home/dev/tool");

    const single = await importFile(finn.auth, "claude-code", other);
    expect(single.counts).toEqual({ conversations: { imported: 1, skipped: 0 } });
    const again = await importFile(finn.auth, "claude-code", zip);
    expect(again.counts.conversations).toEqual({ imported: 0, skipped: 3 });
    expect(await db().$count(conversations, eq(conversations.userId, finn.id))).toBe(2);
  });

  it("refuses a zip with a path that climbs out, a zip bomb and a lone file that is not a session, importing nothing from them", async () => {
    const gail = await apiAccount("gail-claude@example.test", "FREE");
    await createAgent(gail.id, { name: "Claude", icon: "bot", systemPrompt: "", model: "sonnet", executor: "claude-code", type: "development", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: true, hooks: null, mcpServerIds: [] } as never);
    const climbing = zipOf([
      { name: "ok/a.jsonl", content: other },
      { name: "../../etc/evil.jsonl", content: session },
    ]);
    const refused = await importFile(gail.auth, "claude-code", climbing);
    expect(refused).toMatchObject({ status: "failed", error: expect.stringMatching(/cannot be read safely/) });
    // 30 sessions that say they unpack to 15 MB each (a few bytes packed): 450 MB is more than FREE's 400 MB,
    // refused from the headers, before anything is unpacked.
    const bomb = zipOf(Array.from({ length: 30 }, (_, i) => ({ name: `p/${i}.jsonl`, content: "{}\n", declaredSize: 15 * 1024 * 1024 })));
    expect(bomb.length).toBeLessThan(10 * 1024);
    expect(await importFile(gail.auth, "claude-code", bomb)).toMatchObject({ status: "failed", error: expect.stringMatching(/more than 400 MiB/) });
    const notSession = await importFile(gail.auth, "claude-code", '{"hello": "world"}\n');
    expect(notSession).toMatchObject({ status: "failed", error: expect.stringMatching(/not a Claude Code session file/) });
    // A real (honest) bomb entry: 19 MB of spaces packed into a few KB is read, then found not to be a session.
    const honest = zipOf([{ name: "p/spaces.jsonl", content: Buffer.alloc(19 * 1024 * 1024, 0x20) }, { name: "p/b.jsonl", content: other }]);
    expect(honest.length).toBeLessThan(100 * 1024);
    expect((await importFile(gail.auth, "claude-code", honest)).counts.conversations).toEqual({ imported: 1, skipped: 1 });
    expect(await db().$count(conversations, eq(conversations.userId, gail.id))).toBe(1);
  });
});
