import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { agents, projects, tags, tasks, taskTags } from "@/db/schema";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import { notFoundError } from "@/lib/errors";
import { withCardDetails, type BoardFilters } from "./board";
import type { BoardCard, BoardCardRow, BoardCursor } from "./schemas";
import { taskNotTrashed } from "./tasks";

/** Cards a column shows at first and adds with each "Show more": a screenful or two, never a whole 17,000-card column. */
export const BOARD_PAGE_SIZE = 50;

/** One column's cards in its order, and whether more follow them. */
export type BoardColumn = { cards: BoardCard[]; hasMore: boolean };
export type BoardColumns = Record<TaskStatus, BoardColumn>;

/**
 * Every column's first page, so a busy column never crowds the others out:
 * one query per status, each an index range read in the column's order
 * (tasks_board_idx, or the project's or agent's board index when filtered),
 * fetching one card more than the page to know whether more exist (nothing counted).
 * Filter ids that are not the user's simply match nothing: an empty board.
 */
export async function boardColumns(userId: string, boardFilters: BoardFilters = {}, pageSize = BOARD_PAGE_SIZE): Promise<BoardColumns> {
  const filters = await withTagSize(boardFilters);
  const pages = await Promise.all(TASK_STATUSES.map((status) => columnRows(userId, status, filters, null, pageSize + 1)));
  const cards = await withCardDetails(userId, pages.flatMap((rows) => rows.slice(0, pageSize)));
  const byId = new Map(cards.map((c) => [c.id, c]));
  const columns = {} as BoardColumns;
  TASK_STATUSES.forEach((status, i) => {
    const rows = pages[i]!;
    columns[status] = { cards: rows.slice(0, pageSize).map((r) => byId.get(r.id)!), hasMore: rows.length > pageSize };
  });
  return columns;
}

/**
 * A column's next page: the cards right after `after` in the column's order.
 * The filters' ids must be the user's (else not_found), since this answers a request.
 */
export async function boardColumnPage(
  userId: string,
  status: TaskStatus,
  filters: BoardFilters,
  after: BoardCursor,
  pageSize = BOARD_PAGE_SIZE,
): Promise<BoardColumn> {
  await assertFiltersOwned(userId, filters);
  const rows = await columnRows(userId, status, await withTagSize(filters), after, pageSize + 1);
  return { cards: await withCardDetails(userId, rows.slice(0, pageSize)), hasMore: rows.length > pageSize };
}

/** Up to `limit` top-level cards of one column, in board order, after `after` (or from the top). */
async function columnRows(userId: string, status: TaskStatus, filters: Filters, after: BoardCursor | null, limit: number) {
  const rows: BoardCardRow[] = [];
  for (const range of after ? rangesAfter(after) : [undefined]) {
    rows.push(...(await columnQuery(userId, status, filters, range, limit - rows.length)));
    if (rows.length >= limit) break;
  }
  return rows;
}

/** One index range of a column's cards in board order (exported so a test can check its query plan). */
export function columnQuery(userId: string, status: TaskStatus, filters: Filters, range: SQL | undefined, limit: number) {
  return selectCards()
    .where(and(onBoard(userId, filters), eq(tasks.status, status), range))
    .orderBy(desc(tasks.priority), asc(tasks.position), desc(tasks.id))
    .limit(limit);
}

/**
 * The latest copies of cards a board page holds beyond the columns' first pages (the pages
 * "Show more" loaded, the cards it moved), so an edit, a move or an agent's progress shows on
 * them too. A card no longer on this board (trashed, or not matching the filters) is left out.
 */
export async function boardCardsById(userId: string, ids: string[], filters: BoardFilters): Promise<BoardCard[]> {
  if (ids.length === 0) return [];
  return withCardDetails(userId, await selectCards().where(and(onBoard(userId, { ...filters, smallTag: true }), inArray(tasks.id, ids))));
}

/** The columns a card shows (BoardCardRow), with the joins they need; add `.where(...)`. */
function selectCards() {
  return db()
    .select({
      id: tasks.id,
      title: tasks.title,
      status: tasks.status,
      priority: tasks.priority,
      position: tasks.position,
      projectName: projects.name,
      assignedAgentName: agents.name,
    } satisfies Record<keyof BoardCardRow, unknown>)
    .from(tasks)
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .leftJoin(agents, eq(agents.id, tasks.assignedAgentId));
}

/**
 * A tag filter is read from whichever side is short. A tag on at most SMALL_TAG tasks: from the
 * tag's side (its tasks looked up, then sorted: at most that many rows). A bigger one: card by card
 * while walking the column's index in order, where its cards come often. One index walk for every
 * tag would read a whole 17,000-card column for a tag on ten cards (tens of ms a column at the
 * seed's scale); the tag's side for every tag would sort all of a big tag's cards.
 */
const SMALL_TAG = 2000;
type Filters = BoardFilters & { smallTag?: boolean };

/** The filters, with whether the tag is small: links counted only up to SMALL_TAG + 1, never all of them. */
async function withTagSize(filters: BoardFilters): Promise<Filters> {
  if (!filters.tagId) return filters;
  const probe = db().select({ one: sql`1` }).from(taskTags).where(eq(taskTags.tagId, filters.tagId)).limit(SMALL_TAG + 1).as("probe");
  const [row] = await db().select({ links: sql<number>`count(*)` }).from(probe);
  return { ...filters, smallTag: Number(row?.links ?? 0) <= SMALL_TAG };
}

/** A card of the user's board with these filters: top-level, not in the trash, matching each filter. */
function onBoard(userId: string, filters: Filters) {
  return and(
    eq(tasks.userId, userId),
    taskNotTrashed(),
    isNull(tasks.parentTaskId), // subtasks are not cards
    filters.projectId ? eq(tasks.projectId, filters.projectId) : undefined,
    filters.agentId ? eq(tasks.assignedAgentId, filters.agentId) : undefined,
    !filters.tagId
      ? undefined
      : filters.smallTag
        ? inArray(tasks.id, db().select({ id: taskTags.taskId }).from(taskTags).where(eq(taskTags.tagId, filters.tagId)))
        : sql`EXISTS (SELECT 1 FROM ${taskTags} WHERE ${taskTags.taskId} = ${tasks.id} AND ${taskTags.tagId} = ${filters.tagId})`,
  );
}

/**
 * "After this card" in the column's order (priority descending, position ascending, id
 * descending) as three ranges read one after another until the page is full.
 * Keyset rather than OFFSET: a page still starts right after the last card fetched when
 * cards moved in or out of the column meanwhile (none skipped, none twice), and the 300th
 * page of a 17,000-card column costs what the first does. The order mixes directions, so no
 * single row-value comparison says "after", and an OR of the three would lose the index's
 * order (a sort of the column); each of these is one index range, already in order.
 */
export function rangesAfter(c: BoardCursor): SQL[] {
  return [
    and(eq(tasks.priority, c.priority), eq(tasks.position, c.position), lt(tasks.id, c.id))!,
    and(eq(tasks.priority, c.priority), gt(tasks.position, c.position))!,
    lt(tasks.priority, c.priority),
  ];
}

/** A filter naming a project (not in the trash), agent or tag that is not the user's is not_found. */
async function assertFiltersOwned(userId: string, filters: BoardFilters) {
  const owned = async (what: string, table: typeof projects | typeof agents | typeof tags, id: string | undefined, live?: SQL) => {
    if (!id) return;
    const [row] = await db()
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.userId, userId), live))
      .limit(1);
    if (!row) throw notFoundError(what);
  };
  await owned("project", projects, filters.projectId, isNull(projects.deletedAt));
  await owned("agent", agents, filters.agentId, isNull(agents.deletedAt));
  await owned("tag", tags, filters.tagId);
}
