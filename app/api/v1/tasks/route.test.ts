import { beforeAll, describe, expect, it, vi } from "vitest";
import { createProject } from "@/lib/projects/projects";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { GET as list, POST as create } from "./route";
import { DELETE as remove, GET as getOne, PATCH as patch } from "./[id]/route";
import { PUT as putTags } from "./[id]/tags/route";
import { GET as listTags, POST as createTag } from "../tags/route";
import { DELETE as removeTag, PATCH as patchTag } from "../tags/[id]/route";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/tasks";
const TAGS = "http://localhost/api/v1/tags";
let alice: { id: string; auth: string };
let bob: { id: string; auth: string };
let projectId: string;

beforeAll(async () => {
  alice = await apiAccount("api-tasks-alice@example.com");
  bob = await apiAccount("api-tasks-bob@example.com");
  projectId = (await createProject(alice.id, { name: "Tasks API" })).id;
});

async function newTask(body: Record<string, unknown>) {
  const response = await create(apiRequest(BASE, alice.auth, "POST", { projectId, ...body }));
  expect(response.status).toBe(201);
  return response.json();
}

describe("/api/v1/tasks", () => {
  it("creates a task with tags and a subtask, and GET /tasks/:id shows both", async () => {
    const tag = await (await createTag(apiRequest(TAGS, alice.auth, "POST", { name: "api-tag", content: "Be brief." }))).json();
    const task = await newTask({ title: "Build it", type: "bugfix", priority: 2, tagIds: [tag.id] });
    expect(task).toMatchObject({ title: "Build it", type: "bugfix", priority: 2, status: "queued", projectName: "Tasks API" });
    await newTask({ title: "Step one", parentTaskId: task.id });
    const detail = await (await getOne(apiRequest(`${BASE}/${task.id}`, alice.auth), idParams(task.id))).json();
    expect(detail.tags).toEqual([{ id: tag.id, name: "api-tag" }]);
    expect(detail.subtasks.map((s: { title: string }) => s.title)).toEqual(["Step one"]);
    expect(detail.images).toEqual([]);
    expect(detail).not.toHaveProperty("userId");

    const listed = await (await list(apiRequest(`${BASE}?projectId=${projectId}&tagId=${tag.id}`, alice.auth))).json();
    expect(listed.data.map((t: { title: string }) => t.title)).toEqual(["Build it"]);
    expect(listed.nextCursor).toBeNull();
    const blanks = await (await list(apiRequest(`${BASE}?projectId=&status=&tagId=${tag.id}`, alice.auth))).json();
    expect(blanks.data.map((t: { title: string }) => t.title)).toEqual(["Build it"]);
    const subtasks = await (await list(apiRequest(`${BASE}?parentTaskId=${task.id}`, alice.auth))).json();
    expect(subtasks.data.map((t: { title: string }) => t.title)).toEqual(["Step one"]);
  });

  it("answers 400 with fields for bad input, and 404 for another user's project, task or tag", async () => {
    const bad = await create(apiRequest(BASE, alice.auth, "POST", { projectId, title: "", type: "epic", priority: 9 }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toMatchObject({ title: expect.any(String), type: expect.any(String), priority: expect.any(String) });
    const badStatus = await list(apiRequest(`${BASE}?status=later`, alice.auth));
    expect(badStatus.status).toBe(400);

    const foreign = await create(apiRequest(BASE, bob.auth, "POST", { projectId, title: "sneaky" }));
    expect(foreign.status).toBe(404);
    const task = await newTask({ title: "Mine" });
    for (const response of [
      await getOne(apiRequest(`${BASE}/${task.id}`, bob.auth), idParams(task.id)),
      await patch(apiRequest(`${BASE}/${task.id}`, bob.auth, "PATCH", { status: "done" }), idParams(task.id)),
      await remove(apiRequest(`${BASE}/${task.id}`, bob.auth, "DELETE"), idParams(task.id)),
      await putTags(apiRequest(`${BASE}/${task.id}/tags`, bob.auth, "PUT", { tagIds: [] }), idParams(task.id)),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    const bobTag = await (await createTag(apiRequest(TAGS, bob.auth, "POST", { name: "bobs" }))).json();
    const withForeignTag = await putTags(apiRequest(`${BASE}/${task.id}/tags`, alice.auth, "PUT", { tagIds: [bobTag.id] }), idParams(task.id));
    expect(withForeignTag.status).toBe(404);
    expect((await removeTag(apiRequest(`${TAGS}/${bobTag.id}`, alice.auth, "DELETE"), idParams(bobTag.id))).status).toBe(404);
  });

  it("PATCH moves a task between columns, DELETE removes it", async () => {
    const task = await newTask({ title: "Move me" });
    const moved = await patch(apiRequest(`${BASE}/${task.id}`, alice.auth, "PATCH", { status: "review", result: "Looks good" }), idParams(task.id));
    expect(await moved.json()).toMatchObject({ status: "review", result: "Looks good" });
    expect((await remove(apiRequest(`${BASE}/${task.id}`, alice.auth, "DELETE"), idParams(task.id))).status).toBe(204);
    expect((await getOne(apiRequest(`${BASE}/${task.id}`, alice.auth), idParams(task.id))).status).toBe(404);
  });
});

describe("/api/v1/tags", () => {
  it("lists, renames and refuses a taken name with 409 and a field message", async () => {
    const first = await (await createTag(apiRequest(TAGS, alice.auth, "POST", { name: "style", content: "Follow the style guide." }))).json();
    const taken = await createTag(apiRequest(TAGS, alice.auth, "POST", { name: "style" }));
    expect(taken.status).toBe(409);
    expect((await taken.json()).error).toMatchObject({ code: "conflict", fields: { name: 'You already have a tag named "style".' } });
    const renamed = await patchTag(apiRequest(`${TAGS}/${first.id}`, alice.auth, "PATCH", { name: "style-guide" }), idParams(first.id));
    expect(await renamed.json()).toMatchObject({ name: "style-guide", content: "Follow the style guide." });
    const listed = await (await listTags(apiRequest(TAGS, alice.auth))).json();
    expect(listed.data.map((t: { name: string }) => t.name)).toContain("style-guide");
    const empty = await createTag(apiRequest(TAGS, alice.auth, "POST", { name: " " }));
    expect(empty.status).toBe(400);
  });
});
