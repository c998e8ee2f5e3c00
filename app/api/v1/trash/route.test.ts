import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { agentRuns, messages, projects, runMonthCounts, taskAttempts, usageRecords, usageRollups } from "@/db/schema";
import { TRASH_DAYS } from "@/lib/domain";
import { purgeExpiredTrash } from "@/lib/trash/trash";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { GET as listTrash } from "./route";
import { POST as restore } from "./[kind]/[id]/restore/route";
import { DELETE as deleteForever } from "./[kind]/[id]/route";
import { GET as listProjects, POST as createProject } from "../projects/route";
import { DELETE as deleteProject, GET as getProject } from "../projects/[id]/route";
import { GET as listAgents, POST as createAgent } from "../agents/route";
import { DELETE as deleteAgent, GET as getAgent, PATCH as patchAgent } from "../agents/[id]/route";
import { GET as listTasks, POST as createTask } from "../tasks/route";
import { DELETE as deleteTask, GET as getTask } from "../tasks/[id]/route";
import { GET as listConversations, POST as createConversation } from "../conversations/route";
import { DELETE as deleteConversation, GET as getConversation } from "../conversations/[id]/route";
import { GET as listMessages } from "../conversations/[id]/messages/route";
import { GET as listRuns } from "../runs/route";
import { GET as getRun } from "../runs/[id]/route";
import { GET as getIdea } from "../ideas/[id]/route";
import { POST as createIdea } from "../ideas/route";
import { GET as getAttempt } from "../attempts/[id]/route";
import { GET as me } from "../me/route";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const API = "http://localhost/api/v1";
type Account = { id: string; auth: string };
let alice: Account;
let bob: Account;

beforeAll(async () => {
  alice = await apiAccount("trash-alice@example.test");
  bob = await apiAccount("trash-bob@example.test");
});

const kindParams = (kind: string, id: string) => ({ params: Promise.resolve({ kind, id }) });

async function json(response: Response, status = 200) {
  const body = response.status === 204 ? null : await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function post(handler: (r: Request, c: never) => Promise<Response>, path: string, who: Account, body: unknown) {
  return json(await handler(apiRequest(`${API}${path}`, who.auth, "POST", body), undefined as never), 201);
}

const get = (handler: (r: Request, c: never) => Promise<Response>, path: string, who: Account, id?: string) =>
  handler(apiRequest(`${API}${path}`, who.auth), (id ? idParams(id) : undefined) as never);

const del = (handler: (r: Request, c: never) => Promise<Response>, path: string, who: Account, id: string) =>
  handler(apiRequest(`${API}${path}`, who.auth, "DELETE"), idParams(id) as never);

const trashOf = async (who: Account) => (await json(await listTrash(apiRequest(`${API}/trash`, who.auth)))).data as Array<{ kind: string; id: string; name: string; purgeAt: string; deletedAt: string }>;
const restoreItem = (who: Account, kind: string, id: string) => restore(apiRequest(`${API}/trash/${kind}/${id}/restore`, who.auth, "POST"), kindParams(kind, id));

/** A finished run with usage, inserted as the worker would leave it (the run-count and usage-rollup triggers fire). */
async function finishedRun(userId: string, projectId: string, agentId: string) {
  const [run] = await db()
    .insert(agentRuns)
    .values({ userId, projectId, agentId, task: "echo hi", executor: "script", status: "completed", completedAt: new Date().toISOString() })
    .returning({ id: agentRuns.id });
  await db().insert(usageRecords).values({ userId, projectId, agentId, runId: run!.id, model: "sonnet", inputTokens: 100, outputTokens: 50, costUsd: 0.25 });
  return run!.id;
}

const counters = async (userId: string) => ({
  months: await db().select().from(runMonthCounts).where(eq(runMonthCounts.userId, userId)),
  rollups: await db().select().from(usageRollups).where(eq(usageRollups.userId, userId)).orderBy(usageRollups.dimension, usageRollups.day, usageRollups.key),
});

describe("the trash over the API", () => {
  it("a deleted project takes its ideas, tasks, attempts, runs and conversations out of sight, and restore brings all of them back with the same ids", async () => {
    const project = await post(createProject, "/projects", alice, { name: "Doomed" });
    const agent = await post(createAgent, "/agents", alice, { name: "Trash worker", executor: "script" });
    const idea = await post(createIdea, "/ideas", alice, { projectId: project.id, title: "An idea" });
    const task = await post(createTask, "/tasks", alice, { projectId: project.id, title: "A task", type: "feature" });
    const subtask = await post(createTask, "/tasks", alice, { projectId: project.id, parentTaskId: task.id, title: "A subtask", type: "feature" });
    const [attempt] = await db().insert(taskAttempts).values({ taskId: task.id, agentId: agent.id, branch: "sb/a", status: "completed" }).returning({ id: taskAttempts.id });
    const conversation = await post(createConversation, "/conversations", alice, { agentId: agent.id, projectId: project.id, title: "Chat" });
    await db().insert(messages).values({ conversationId: conversation.id, role: "user", content: "hello", position: "1" });
    const runId = await finishedRun(alice.id, project.id, agent.id);
    const before = await counters(alice.id);
    const usedBefore = (await json(await me(apiRequest(`${API}/me`, alice.auth)))).usage.projects;

    await json(await del(deleteProject, `/projects/${project.id}`, alice, project.id), 204);

    // Everything under it is a 404 and out of every list.
    expect((await get(getProject, `/projects/${project.id}`, alice, project.id)).status).toBe(404);
    expect((await get(getRun, `/runs/${runId}`, alice, runId)).status).toBe(404);
    expect((await get(getTask, `/tasks/${task.id}`, alice, task.id)).status).toBe(404);
    expect((await get(getTask, `/tasks/${subtask.id}`, alice, subtask.id)).status).toBe(404);
    expect((await get(getIdea, `/ideas/${idea.id}`, alice, idea.id)).status).toBe(404);
    expect((await get(getAttempt, `/attempts/${attempt!.id}`, alice, attempt!.id)).status).toBe(404);
    expect((await get(getConversation, `/conversations/${conversation.id}`, alice, conversation.id)).status).toBe(404);
    expect((await get(listMessages, `/conversations/${conversation.id}/messages`, alice, conversation.id)).status).toBe(404);
    const ids = async (handler: (r: Request, c: never) => Promise<Response>, path: string) => ((await json(await get(handler, path, alice))).data as Array<{ id: string }>).map((r) => r.id);
    expect(await ids(listProjects, "/projects")).not.toContain(project.id);
    expect(await ids(listRuns, "/runs")).not.toContain(runId);
    expect(await ids(listTasks, `/tasks`)).not.toContain(task.id);
    expect(await ids(listConversations, "/conversations")).not.toContain(conversation.id);
    // A new task cannot be put in it.
    expect((await createTask(apiRequest(`${API}/tasks`, alice.auth, "POST", { projectId: project.id, title: "x", type: "feature" }))).status).toBe(404);

    // One entry in the trash (not one per child), 30 days to go; the plan count is freed; run counts and usage untouched.
    const trash = await trashOf(alice);
    expect(trash.filter((i) => i.id === project.id)).toEqual([expect.objectContaining({ kind: "project", name: "Doomed" })]);
    expect(trash.map((i) => i.id)).not.toContain(task.id);
    const entry = trash.find((i) => i.id === project.id)!;
    expect(Date.parse(entry.purgeAt) - Date.parse(entry.deletedAt)).toBe(TRASH_DAYS * 24 * 3600 * 1000);
    expect((await json(await me(apiRequest(`${API}/me`, alice.auth)))).usage.projects).toBe(usedBefore - 1);
    expect(await counters(alice.id)).toEqual(before);

    const restored = await json(await restoreItem(alice, "project", project.id));
    expect(restored).toMatchObject({ kind: "project", id: project.id, name: "Doomed" });
    expect(await json(await get(getProject, `/projects/${project.id}`, alice, project.id))).toMatchObject({ id: project.id, name: "Doomed" });
    expect(await json(await get(getRun, `/runs/${runId}`, alice, runId))).toMatchObject({ id: runId, status: "completed" });
    expect(await json(await get(getTask, `/tasks/${subtask.id}`, alice, subtask.id))).toMatchObject({ parentTaskId: task.id });
    expect(await json(await get(getIdea, `/ideas/${idea.id}`, alice, idea.id))).toMatchObject({ title: "An idea" });
    expect(await json(await get(getAttempt, `/attempts/${attempt!.id}`, alice, attempt!.id))).toMatchObject({ taskId: task.id });
    expect((await json(await get(listMessages, `/conversations/${conversation.id}/messages`, alice, conversation.id))).data).toEqual([expect.objectContaining({ content: "hello" })]);
    expect(await counters(alice.id)).toEqual(before);
    expect((await trashOf(alice)).map((i) => i.id)).not.toContain(project.id);
  });

  it("an agent's name is free while it is in the trash; restoring it back into a taken name is refused until the other is renamed", async () => {
    const agent = await post(createAgent, "/agents", alice, { name: "Reviewer", executor: "script" });
    await json(await del(deleteAgent, `/agents/${agent.id}`, alice, agent.id), 204);
    expect((await get(getAgent, `/agents/${agent.id}`, alice, agent.id)).status).toBe(404);
    expect(((await json(await get(listAgents, "/agents", alice))).data as Array<{ id: string }>).map((a) => a.id)).not.toContain(agent.id);
    const other = await post(createAgent, "/agents", alice, { name: "Reviewer", executor: "script" });

    const refused = await json(await restoreItem(alice, "agent", agent.id), 409);
    expect(refused.error.message).toContain("Reviewer");
    await json(await patchAgent(apiRequest(`${API}/agents/${other.id}`, alice.auth, "PATCH", { name: "Reviewer 2" }), idParams(other.id)));
    await json(await restoreItem(alice, "agent", agent.id));
    expect(await json(await get(getAgent, `/agents/${agent.id}`, alice, agent.id))).toMatchObject({ id: agent.id, name: "Reviewer" });
  });

  it("a task comes back with the subtasks deleted with it, not one deleted on its own before", async () => {
    const project = await post(createProject, "/projects", alice, { name: "Tasks" });
    const task = await post(createTask, "/tasks", alice, { projectId: project.id, title: "Parent", type: "feature" });
    const kept = await post(createTask, "/tasks", alice, { projectId: project.id, parentTaskId: task.id, title: "With it", type: "feature" });
    const alone = await post(createTask, "/tasks", alice, { projectId: project.id, parentTaskId: task.id, title: "Alone", type: "feature" });
    await json(await del(deleteTask, `/tasks/${alone.id}`, alice, alone.id), 204);
    await new Promise((r) => setTimeout(r, 5)); // a later deletion time
    await json(await del(deleteTask, `/tasks/${task.id}`, alice, task.id), 204);
    expect((await get(getTask, `/tasks/${kept.id}`, alice, kept.id)).status).toBe(404);
    const trash = await trashOf(alice);
    expect(trash.filter((i) => [task.id, kept.id, alone.id].includes(i.id)).map((i) => i.name)).toEqual(["Parent", "Alone"]);

    // The lone subtask cannot come back before its parent.
    expect((await json(await restoreItem(alice, "task", alone.id), 409)).error.message).toContain("Parent");
    await json(await restoreItem(alice, "task", task.id));
    expect(await json(await get(getTask, `/tasks/${kept.id}`, alice, kept.id))).toMatchObject({ title: "With it" });
    expect((await get(getTask, `/tasks/${alone.id}`, alice, alone.id)).status).toBe(404);
    await json(await restoreItem(alice, "task", alone.id));
    expect(await json(await get(getTask, `/tasks/${alone.id}`, alice, alone.id))).toMatchObject({ title: "Alone" });
  });

  it("a conversation in a trashed project cannot be restored on its own; it comes back with its project", async () => {
    const project = await post(createProject, "/projects", alice, { name: "Chats" });
    const agent = await post(createAgent, "/agents", alice, { name: "Chatter", executor: "script" });
    const conversation = await post(createConversation, "/conversations", alice, { agentId: agent.id, projectId: project.id, title: "Talk" });
    await json(await del(deleteConversation, `/conversations/${conversation.id}`, alice, conversation.id), 204);
    await json(await del(deleteProject, `/projects/${project.id}`, alice, project.id), 204);
    expect((await json(await restoreItem(alice, "conversation", conversation.id), 409)).error.message).toContain("Chats");
    await json(await restoreItem(alice, "project", project.id));
    expect((await get(getConversation, `/conversations/${conversation.id}`, alice, conversation.id)).status).toBe(404); // deleted on its own before
    await json(await restoreItem(alice, "conversation", conversation.id));
    expect(await json(await get(getConversation, `/conversations/${conversation.id}`, alice, conversation.id))).toMatchObject({ title: "Talk" });
  });

  it("plan counts ignore the trash: a FREE user at the project limit can add one after deleting one, and restoring then is refused with the plan's 403", async () => {
    const free = await apiAccount("trash-free@example.test", "FREE");
    const first = await post(createProject, "/projects", free, { name: "One" });
    await post(createProject, "/projects", free, { name: "Two" });
    expect((await createProject(apiRequest(`${API}/projects`, free.auth, "POST", { name: "Three" }))).status).toBe(403);
    await json(await del(deleteProject, `/projects/${first.id}`, free, first.id), 204);
    const third = await post(createProject, "/projects", free, { name: "Three" });
    const refused = await json(await restoreItem(free, "project", first.id), 403);
    expect(refused.error.message).toMatch(/FREE/);
    await json(await del(deleteProject, `/projects/${third.id}`, free, third.id), 204);
    await json(await restoreItem(free, "project", first.id));
  });

  it("another user sees nothing of your trash and can neither restore nor delete it (404)", async () => {
    const project = await post(createProject, "/projects", alice, { name: "Private" });
    await json(await del(deleteProject, `/projects/${project.id}`, alice, project.id), 204);
    expect((await trashOf(bob)).map((i) => i.id)).not.toContain(project.id);
    await json(await restoreItem(bob, "project", project.id), 404);
    await json(await deleteForever(apiRequest(`${API}/trash/project/${project.id}`, bob.auth, "DELETE"), kindParams("project", project.id)), 404);
    await json(await restoreItem(alice, "nonsense", project.id), 404);
    // Still in Alice's trash, and a live item is not "in the trash".
    expect((await trashOf(alice)).map((i) => i.id)).toContain(project.id);
    const live = await post(createProject, "/projects", alice, { name: "Live" });
    await json(await restoreItem(alice, "project", live.id), 404);
  });

  it("Delete forever and the daily purge after 30 days delete for good, with the workspace folder; younger items stay", async () => {
    const project = await post(createProject, "/projects", alice, { name: "Expired" });
    const young = await post(createProject, "/projects", alice, { name: "Young" });
    const gone = await post(createProject, "/projects", alice, { name: "Gone now" });
    const [row] = await db().select({ path: projects.path }).from(projects).where(eq(projects.id, project.id));
    const agent = await post(createAgent, "/agents", alice, { name: "Purged agent", executor: "script" });
    const runId = await finishedRun(alice.id, project.id, agent.id);
    const usageBefore = await db().select({ id: usageRecords.id }).from(usageRecords).where(eq(usageRecords.userId, alice.id));
    for (const p of [project, young, gone]) await json(await del(deleteProject, `/projects/${p.id}`, alice, p.id), 204);
    await json(await del(deleteAgent, `/agents/${agent.id}`, alice, agent.id), 204);

    await json(await deleteForever(apiRequest(`${API}/trash/project/${gone.id}`, alice.auth, "DELETE"), kindParams("project", gone.id)), 204);
    expect(await db().select().from(projects).where(eq(projects.id, gone.id))).toEqual([]);

    // Move the clock: deleted 31 days ago (and the young one 29).
    const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000).toISOString();
    await db().update(projects).set({ deletedAt: daysAgo(31) }).where(eq(projects.id, project.id));
    await db().update(projects).set({ deletedAt: daysAgo(29) }).where(eq(projects.id, young.id));
    await db().run(sql`UPDATE agents SET deleted_at = ${daysAgo(31)} WHERE id = ${agent.id}`);
    const purged = await purgeExpiredTrash();
    expect(purged.project).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(projects).where(eq(projects.id, project.id))).toEqual([]);
    expect(await db().select().from(agentRuns).where(eq(agentRuns.id, runId))).toEqual([]);
    expect(fs.existsSync(row!.path)).toBe(false);
    const trash = (await trashOf(alice)).map((i) => i.id);
    expect(trash).toContain(young.id);
    expect(trash).not.toContain(agent.id);
    expect(trash).not.toContain(project.id);
    // Usage history outlives the purge (its project and run become unnamed), as it outlived a deletion before.
    expect(await db().select({ id: usageRecords.id }).from(usageRecords).where(eq(usageRecords.userId, alice.id))).toHaveLength(usageBefore.length);
  });
});
