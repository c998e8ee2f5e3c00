import { describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/agents";
import { agentCreateSchema } from "@/lib/agents/schemas";
import { createProject } from "@/lib/projects/projects";
import { createTag, deleteTag, listTags, setTaskTags, tagsForTask, updateTag } from "@/lib/tags/tags";
import { createUser } from "@/lib/users/users";
import { getTaskDetail, moveSubtask, subtasksOf } from "./board";
import { boardColumns } from "./board-columns";
import { taskCreateSchema } from "./schemas";
import { createTask, updateTask } from "./tasks";

let n = 0;
async function account() {
  const user = (await createUser({ email: `board-${++n}@example.com`, name: "B" }))!;
  const project = await createProject(user.id, { name: `P${n}` });
  return { userId: user.id, projectId: project.id };
}
const task = (userId: string, input: Record<string, unknown>) => createTask(userId, taskCreateSchema.parse(input));

describe("tags", () => {
  it("creates, renames and deletes tags; a name is unique per user with a field message", async () => {
    const a = await account();
    const b = await account();
    const tag = await createTag(a.userId, { name: "tests", content: "Write tests first." });
    await expect(createTag(a.userId, { name: "tests", content: "" })).rejects.toMatchObject({
      code: "conflict",
      fields: { name: expect.stringContaining("tests") },
    });
    await createTag(b.userId, { name: "tests", content: "other user may reuse the name" });
    const other = await createTag(a.userId, { name: "docs", content: "" });
    await expect(updateTag(a.userId, other.id, { name: "tests" })).rejects.toMatchObject({ code: "conflict" });
    await updateTag(a.userId, tag.id, { content: "Always write tests." });
    expect((await listTags(a.userId)).map((t) => [t.name, t.content])).toEqual([
      ["docs", ""],
      ["tests", "Always write tests."],
    ]);
    await expect(updateTag(b.userId, tag.id, { name: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteTag(b.userId, tag.id)).rejects.toMatchObject({ code: "not_found" });
    await deleteTag(a.userId, other.id);
    expect(await listTags(a.userId)).toHaveLength(1);
  });

  it("sets a task's tags only with the user's own tags and task", async () => {
    const a = await account();
    const b = await account();
    const t1 = await createTag(a.userId, { name: "one", content: "1" });
    const t2 = await createTag(a.userId, { name: "two", content: "2" });
    const foreign = await createTag(b.userId, { name: "theirs", content: "" });
    const card = await task(a.userId, { projectId: a.projectId, title: "Tagged", tagIds: [t2.id] });
    expect((await tagsForTask(a.userId, card.id)).map((t) => t.name)).toEqual(["two"]);
    await setTaskTags(a.userId, card.id, [t1.id, t2.id]);
    expect((await tagsForTask(a.userId, card.id)).map((t) => t.name)).toEqual(["one", "two"]);
    await expect(setTaskTags(a.userId, card.id, [foreign.id])).rejects.toMatchObject({ code: "not_found" });
    await expect(setTaskTags(b.userId, card.id, [foreign.id])).rejects.toMatchObject({ code: "not_found" });
    await expect(task(a.userId, { projectId: a.projectId, title: "x", tagIds: [foreign.id] })).rejects.toMatchObject({ code: "not_found" });
    expect((await tagsForTask(a.userId, card.id)).map((t) => t.name)).toEqual(["one", "two"]);
    await setTaskTags(a.userId, card.id, []);
    expect(await tagsForTask(a.userId, card.id)).toEqual([]);
  });
});

describe("subtasks", () => {
  it("keeps their order, moves them up and down, and counts them on the parent's card", async () => {
    const a = await account();
    const parent = await task(a.userId, { projectId: a.projectId, title: "Parent" });
    const ids = [];
    for (const title of ["first", "second", "third"]) ids.push((await task(a.userId, { projectId: a.projectId, parentTaskId: parent.id, title })).id);
    expect((await subtasksOf(a.userId, parent.id)).map((s) => s.title)).toEqual(["first", "second", "third"]);
    await moveSubtask(a.userId, ids[2]!, "up");
    expect((await subtasksOf(a.userId, parent.id)).map((s) => s.title)).toEqual(["first", "third", "second"]);
    await moveSubtask(a.userId, ids[0]!, "up"); // already first: nothing changes
    await moveSubtask(a.userId, ids[0]!, "down");
    expect((await subtasksOf(a.userId, parent.id)).map((s) => s.title)).toEqual(["third", "first", "second"]);
    await updateTask(a.userId, ids[1]!, { status: "done" });

    const cards = (await boardColumns(a.userId)).queued.cards;
    expect(cards.map((c) => c.title)).toEqual(["Parent"]); // subtasks are not cards
    expect(cards[0]).toMatchObject({ subtaskCount: 3, subtasksDone: 1 });
    const detail = await getTaskDetail(a.userId, parent.id);
    expect(detail.subtasks.map((s) => [s.title, s.status])).toEqual([
      ["third", "queued"],
      ["first", "queued"],
      ["second", "done"],
    ]);
    const b = await account();
    await expect(moveSubtask(b.userId, ids[0]!, "down")).rejects.toMatchObject({ code: "not_found" });
    await expect(getTaskDetail(b.userId, parent.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("boardColumns", () => {
  it("orders by priority, then position, then newest; filters by project, agent and tag; only the user's", async () => {
    const a = await account();
    const second = await createProject(a.userId, { name: "Second" });
    const agent = await createAgent(a.userId, agentCreateSchema.parse({ name: "Worker", executor: "script" }));
    const tag = await createTag(a.userId, { name: "ui", content: "" });
    await task(a.userId, { projectId: a.projectId, title: "low", priority: 0 });
    await task(a.userId, { projectId: a.projectId, title: "normal old", priority: 1 });
    await task(a.userId, { projectId: a.projectId, title: "normal new", priority: 1, assignedAgentId: agent.id });
    await task(a.userId, { projectId: second.id, title: "urgent", priority: 3, tagIds: [tag.id] });
    const other = await account();
    await task(other.userId, { projectId: other.projectId, title: "not mine", priority: 3 });

    const queued = async (filters = {}) => (await boardColumns(a.userId, filters)).queued.cards;
    expect((await queued()).map((c) => c.title)).toEqual(["urgent", "normal new", "normal old", "low"]);
    expect((await queued({ projectId: a.projectId })).map((c) => c.title)).toEqual(["normal new", "normal old", "low"]);
    const byAgent = await queued({ agentId: agent.id });
    expect(byAgent.map((c) => [c.title, c.assignedAgentName])).toEqual([["normal new", "Worker"]]);
    const byTag = await queued({ tagId: tag.id });
    expect(byTag.map((c) => [c.title, c.tags.map((t) => t.name), c.projectName])).toEqual([["urgent", ["ui"], "Second"]]);
    const theirs = await boardColumns(other.userId, { tagId: tag.id });
    expect(Object.values(theirs).flatMap((column) => column.cards)).toEqual([]);
  });
});
