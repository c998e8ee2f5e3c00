import { describe, expect, it } from "vitest";
import { dbClient } from "@/db/client";
import { createAgent } from "@/lib/agents/agents";
import { agentCreateSchema } from "@/lib/agents/schemas";
import { createProject, deleteProject } from "@/lib/projects/projects";
import { createTag } from "@/lib/tags/tags";
import { createUser } from "@/lib/users/users";
import { boardCardsById, boardColumnPage, boardColumns, columnQuery, rangesAfter, type BoardColumn } from "./board-columns";
import { taskCreateSchema, type BoardCard } from "./schemas";
import { createTask, deleteTask, updateTask } from "./tasks";

let n = 0;
async function account() {
  const user = (await createUser({ email: `columns-${++n}@example.com`, name: "C" }))!;
  const project = await createProject(user.id, { name: `P${n}` });
  return { userId: user.id, projectId: project.id };
}
type Made = { title: string; priority: number; position: number };
/** A card in `status` with the given priority and position (the board's order), plus whatever else `input` says. */
async function card(userId: string, projectId: string, status: "queued" | "done", { title, priority, position }: Made, input: Record<string, unknown> = {}) {
  const task = await createTask(userId, taskCreateSchema.parse({ projectId, title, priority, ...input }));
  await updateTask(userId, task.id, { status, position });
  return task;
}
const titles = (column: BoardColumn) => column.cards.map((c) => c.title);
const after = (c: BoardCard) => ({ priority: c.priority, position: c.position, id: c.id });

/** Every page of a column, "Show more" after "Show more", as the board fetches them. */
async function allPages(userId: string, first: BoardColumn, filters = {}, pageSize = 3) {
  const pages = [first];
  while (pages.at(-1)!.hasMore) pages.push(await boardColumnPage(userId, "done", filters, after(pages.at(-1)!.cards.at(-1)!), pageSize));
  return pages.map(titles);
}

describe("board columns, a page at a time", () => {
  it("each column has its own first page in board order; Show more continues right after its last card until none is left", async () => {
    const a = await account();
    // Made in this order, so ids (newest last) break the ties of priority and position.
    const done: Made[] = [
      { title: "low", priority: 0, position: 0 },
      { title: "normal 2 old", priority: 1, position: 2 },
      { title: "normal 2 new", priority: 1, position: 2 },
      { title: "normal 1", priority: 1, position: 1 },
      { title: "urgent 5", priority: 3, position: 5 },
      { title: "urgent 0 old", priority: 3, position: 0 },
      { title: "urgent 0 new", priority: 3, position: 0 },
    ];
    for (const made of done) await card(a.userId, a.projectId, "done", made);
    for (const made of [{ title: "q1", priority: 1, position: 0 }, { title: "q2", priority: 2, position: 0 }]) await card(a.userId, a.projectId, "queued", made);

    const columns = await boardColumns(a.userId, {}, 3);
    // A busy column does not crowd out the others: each status gets its own page.
    expect(titles(columns.done)).toEqual(["urgent 0 new", "urgent 0 old", "urgent 5"]);
    expect(columns.done.hasMore).toBe(true);
    expect(titles(columns.queued)).toEqual(["q2", "q1"]);
    expect(columns.queued.hasMore).toBe(false);
    expect(columns.review).toEqual({ cards: [], hasMore: false });

    // Across priorities, positions and equal positions (newest first): every card once, in order.
    expect(await allPages(a.userId, columns.done)).toEqual([
      ["urgent 0 new", "urgent 0 old", "urgent 5"],
      ["normal 1", "normal 2 new", "normal 2 old"],
      ["low"],
    ]);
    // A column of exactly a page's size has no "more" (the one extra row fetched is not there).
    expect((await boardColumns(a.userId, {}, 2)).queued).toMatchObject({ hasMore: false });
    expect((await boardColumns(a.userId, {}, 1)).queued).toMatchObject({ hasMore: true });
  });

  it("the next page starts right after the last card fetched, even after cards left the column or joined it", async () => {
    const a = await account();
    for (let i = 0; i < 6; i++) await card(a.userId, a.projectId, "done", { title: `d${i}`, priority: 1, position: i });
    const first = (await boardColumns(a.userId, {}, 3)).done;
    expect(titles(first)).toEqual(["d0", "d1", "d2"]);
    // d1 moves away and a new card sorts into the first page: neither shifts what comes next.
    await updateTask(a.userId, first.cards[1]!.id, { status: "queued" });
    await card(a.userId, a.projectId, "done", { title: "new on top", priority: 3, position: 0 });
    const next = await boardColumnPage(a.userId, "done", {}, after(first.cards.at(-1)!), 3);
    expect(next).toMatchObject({ hasMore: false });
    expect(titles(next)).toEqual(["d3", "d4", "d5"]);
  });

  it("pages keep the project, agent and tag filters; another user's filter ids find nothing, and a page request with them is not_found", async () => {
    const a = await account();
    const second = await createProject(a.userId, { name: "Second" });
    const agent = await createAgent(a.userId, agentCreateSchema.parse({ name: "Worker", executor: "script" }));
    const tag = await createTag(a.userId, { name: "ui", content: "" });
    for (let i = 0; i < 5; i++) {
      await card(a.userId, a.projectId, "done", { title: `mine ${i}`, priority: 1, position: i }, { assignedAgentId: agent.id, tagIds: [tag.id] });
      await card(a.userId, second.id, "done", { title: `other ${i}`, priority: 1, position: i });
    }
    for (const filters of [{ projectId: a.projectId }, { agentId: agent.id }, { tagId: tag.id }, { projectId: a.projectId, agentId: agent.id, tagId: tag.id }]) {
      const first = (await boardColumns(a.userId, filters, 3)).done;
      expect(await allPages(a.userId, first, filters)).toEqual([
        ["mine 0", "mine 1", "mine 2"],
        ["mine 3", "mine 4"],
      ]);
    }
    expect(await allPages(a.userId, (await boardColumns(a.userId, { projectId: second.id }, 3)).done, { projectId: second.id })).toEqual([
      ["other 0", "other 1", "other 2"],
      ["other 3", "other 4"],
    ]);

    const b = await account();
    const theirAgent = await createAgent(b.userId, agentCreateSchema.parse({ name: "Theirs", executor: "script" }));
    const theirTag = await createTag(b.userId, { name: "theirs", content: "" });
    const from = { priority: 9, position: 0, id: "ffffffff" };
    for (const [filters, what] of [
      [{ projectId: b.projectId }, "project"],
      [{ agentId: theirAgent.id }, "agent"],
      [{ tagId: theirTag.id }, "tag"],
      [{ projectId: "no-such-id" }, "project"],
    ] as const) {
      // The board itself simply shows nothing with them...
      const columns = await boardColumns(a.userId, filters);
      expect(Object.values(columns).flatMap((c) => c.cards)).toEqual([]);
      // ...and asking for a page with them is refused as not found, naming which.
      await expect(boardColumnPage(a.userId, "done", filters, from)).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining(what) });
    }
    // Nor does another user's board show a's cards.
    expect(Object.values(await boardColumns(b.userId)).flatMap((c) => c.cards)).toEqual([]);
    expect((await boardColumnPage(b.userId, "done", {}, from)).cards).toEqual([]);
  });

  it("trashed cards, cards of a trashed project and subtasks are not cards; a trashed project's filter page is not_found", async () => {
    const a = await account();
    const doomed = await createProject(a.userId, { name: "Doomed" });
    const parent = await card(a.userId, a.projectId, "done", { title: "parent", priority: 1, position: 0 });
    await card(a.userId, a.projectId, "done", { title: "a subtask", priority: 3, position: 0 }, { parentTaskId: parent.id });
    const binned = await card(a.userId, a.projectId, "done", { title: "binned", priority: 3, position: 0 });
    await deleteTask(a.userId, binned.id);
    await card(a.userId, doomed.id, "done", { title: "in a doomed project", priority: 3, position: 0 });
    await card(a.userId, a.projectId, "done", { title: "kept", priority: 0, position: 0 });
    await deleteProject(a.userId, doomed.id);

    const columns = await boardColumns(a.userId, {}, 1);
    expect(titles(columns.done)).toEqual(["parent"]);
    expect(columns.done.cards[0]).toMatchObject({ subtaskCount: 1, subtasksDone: 1 }); // counted on its parent, not a card of its own
    const rest = await boardColumnPage(a.userId, "done", {}, after(columns.done.cards[0]!), 1);
    expect(rest).toMatchObject({ hasMore: false });
    expect(titles(rest)).toEqual(["kept"]);
    await expect(boardColumnPage(a.userId, "done", { projectId: doomed.id }, after(columns.done.cards[0]!))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("refreshing the cards a page loaded", () => {
  it("returns the latest copy of each card still on this board: not trashed ones, subtasks, other filters' or another user's", async () => {
    const a = await account();
    const second = await createProject(a.userId, { name: "Second" });
    const kept = await card(a.userId, a.projectId, "done", { title: "kept", priority: 1, position: 0 });
    const binned = await card(a.userId, a.projectId, "done", { title: "binned", priority: 1, position: 1 });
    const elsewhere = await card(a.userId, second.id, "done", { title: "elsewhere", priority: 1, position: 2 });
    const sub = await card(a.userId, a.projectId, "done", { title: "sub", priority: 1, position: 3 }, { parentTaskId: kept.id });
    await updateTask(a.userId, kept.id, { title: "kept, renamed", status: "review" });
    await deleteTask(a.userId, binned.id);
    const ids = [kept.id, binned.id, elsewhere.id, sub.id];

    const all = await boardCardsById(a.userId, ids, {});
    expect(all.map((c) => [c.title, c.status]).sort()).toEqual([
      ["elsewhere", "done"],
      ["kept, renamed", "review"],
    ]);
    expect((await boardCardsById(a.userId, ids, { projectId: a.projectId })).map((c) => c.title)).toEqual(["kept, renamed"]);
    const b = await account();
    expect(await boardCardsById(b.userId, ids, {})).toEqual([]);
  });
});

async function planOf(query: { toSQL: () => { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const plan = await dbClient().execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as string[] });
  return plan.rows.map((p) => p.detail).join("\n");
}

describe("board column queries at scale", () => {
  it("every page of every filter is an index range in the column's order: no sort of the column, no scan of the table", async () => {
    const a = await account();
    const agent = await createAgent(a.userId, agentCreateSchema.parse({ name: "Worker", executor: "script" }));
    const from = { priority: 1, position: 5, id: "0190" };
    const plans: Record<string, string> = {};
    const filterSets = { all: {}, project: { projectId: a.projectId }, agent: { agentId: agent.id }, "big tag": { tagId: "t", smallTag: false } };
    for (const [name, filters] of Object.entries(filterSets)) {
      for (const [i, range] of [undefined, ...rangesAfter(from)].entries()) plans[`${name} ${i}`] = await planOf(columnQuery(a.userId, "done", filters, range, 51));
    }
    for (const [which, plan] of Object.entries(plans)) {
      expect(plan, which).not.toMatch(/TEMP B-TREE|SCAN tasks/);
      // The index that leads with the filter's own column: the walk reads only matching cards.
      const index = which.startsWith("project") ? "tasks_project_board_idx" : which.startsWith("agent") ? "tasks_agent_board_idx" : "tasks_board_idx";
      expect(plan, which).toContain(`USING INDEX ${index}`);
    }
    // A small tag is read from its own side: its cards by id, then sorted (a few thousand at most).
    const smallTag = await planOf(columnQuery(a.userId, "done", { tagId: "t", smallTag: true }, rangesAfter(from)[1], 51));
    expect(smallTag).toMatch(/SEARCH task_tags USING (COVERING )?INDEX task_tags_tag_idx \(tag_id=\?\)/);
    expect(smallTag).not.toMatch(/SCAN tasks/);
  });

  it("a tag filter gives the same pages whichever side reads it", async () => {
    const a = await account();
    const tag = await createTag(a.userId, { name: "ui", content: "" });
    for (let i = 0; i < 7; i++) await card(a.userId, a.projectId, "done", { title: `t${i}`, priority: i % 2, position: i }, i % 3 === 2 ? {} : { tagIds: [tag.id] });
    const read = async (smallTag: boolean) => {
      const titlesOf = async (range?: ReturnType<typeof rangesAfter>[number]) => (await columnQuery(a.userId, "done", { tagId: tag.id, smallTag }, range, 51)).map((c) => c.title);
      return [await titlesOf(), ...(await Promise.all(rangesAfter({ priority: 1, position: 3, id: "ffff" }).map(titlesOf)))];
    };
    expect(await read(true)).toEqual(await read(false));
    expect((await read(true))[0]).toEqual(["t1", "t3", "t0", "t4", "t6"]);
    // Through the board itself (a tag on 5 cards is small).
    expect(titles((await boardColumns(a.userId, { tagId: tag.id }, 3)).done)).toEqual(["t1", "t3", "t0"]);
  });
});
