import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { taskRowNotTrashed } from "@/lib/tasks/tasks";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { tags, tasks, taskTags } from "@/db/schema";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { AppError, notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { newId, nowIso } from "@/lib/domain/ids";
import type { TagCreateInput, TagListQuery, TagUpdateInput } from "./schemas";

/** Tags are the user's reusable prompt snippets; a task's tags are inserted into its agents' prompts. */

export const tagColumns = { id: tags.id, name: tags.name, content: tags.content };
export type TagView = { id: string; name: string; content: string };
const fullColumns = { ...tagColumns, createdAt: tags.createdAt, updatedAt: tags.updatedAt };

/** The tags on one of the user's tasks, by name (an unknown or another user's task has none). */
export async function tagsForTask(userId: string, taskId: string): Promise<TagView[]> {
  return db()
    .select(tagColumns)
    .from(taskTags)
    .innerJoin(tags, eq(tags.id, taskTags.tagId))
    .where(and(eq(taskTags.taskId, taskId), eq(tags.userId, userId)))
    .orderBy(asc(tags.name));
}

/** All the user's tags, by name (the board's pickers: a plan holds at most a few hundred). */
export async function listTags(userId: string) {
  return db().select(fullColumns).from(tags).where(eq(tags.userId, userId)).orderBy(asc(tags.name));
}

/**
 * One page of the user's tags for the API, newest first; keyset pagination on
 * the time-ordered id (the cursor is the last id of the previous page).
 */
export async function listTagsPage(userId: string, query: TagListQuery) {
  const page = keyset(tags.id, query);
  const rows = await db()
    .select(fullColumns)
    .from(tags)
    .where(and(eq(tags.userId, userId), page.where))
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows);
}

export async function getTag(userId: string, id: string) {
  const [row] = await db().select(fullColumns).from(tags).where(and(eq(tags.id, id), eq(tags.userId, userId))).limit(1);
  if (!row) throw notFoundError("tag");
  return row;
}

const nameTaken = (name: string) =>
  new LocalizedError("conflict", { key: "board.tags.nameTaken", vars: { name } }, { name: { key: "board.tags.nameTaken", vars: { name } } });

async function assertNameFree(userId: string, name: string, exceptId?: string) {
  const [row] = await db().select({ id: tags.id }).from(tags).where(and(eq(tags.userId, userId), eq(tags.name, name))).limit(1);
  if (row && row.id !== exceptId) throw nameTaken(name);
}

/**
 * A new tag; a name the user already uses is a 409 naming the field (the
 * unique index backs this up), and one over the plan's number of tags a 403
 * (checked inside the INSERT).
 */
export async function createTag(userId: string, input: TagCreateInput) {
  const early = await planLimitError(userId, "tags");
  if (early) throw early;
  await assertNameFree(userId, input.name);
  const id = newId();
  const stamp = nowIso();
  const row = { id, userId, name: input.name, content: input.content, createdAt: stamp, updatedAt: stamp };
  const result = await db().run(guardedInsert(tags, [row], userId, planLimitCondition("tags")));
  if (result.rowsAffected === 0) throw (await planLimitError(userId, "tags")) ?? new AppError("conflict", "Please try again.");
  return getTag(userId, id);
}

export async function updateTag(userId: string, id: string, patch: TagUpdateInput) {
  await getTag(userId, id);
  if (patch.name !== undefined) await assertNameFree(userId, patch.name, id);
  await db()
    .update(tags)
    .set({ ...patch, updatedAt: nowIso() })
    .where(and(eq(tags.id, id), eq(tags.userId, userId)));
  return getTag(userId, id);
}

/** Deletes a tag; it comes off every task that had it. */
export async function deleteTag(userId: string, id: string): Promise<void> {
  const deleted = await db()
    .delete(tags)
    .where(and(eq(tags.id, id), eq(tags.userId, userId)))
    .returning({ id: tags.id });
  if (deleted.length === 0) throw notFoundError("tag");
}

/** Replaces a task's tags with `tagIds`; the task and every tag must be the user's (else not_found). */
export async function setTaskTags(userId: string, taskId: string, tagIds: string[]): Promise<TagView[]> {
  const [task] = await db().select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.userId, userId), taskRowNotTrashed())).limit(1);
  if (!task) throw notFoundError("task");
  const wanted = [...new Set(tagIds)];
  if (wanted.length > 0) {
    const owned = await db().select({ id: tags.id }).from(tags).where(and(eq(tags.userId, userId), inArray(tags.id, wanted)));
    if (owned.length !== wanted.length) throw notFoundError("tag");
  }
  const remove = db().delete(taskTags).where(eq(taskTags.taskId, taskId));
  if (wanted.length === 0) await remove;
  else await db().batch([remove, db().insert(taskTags).values(wanted.map((tagId) => ({ taskId, tagId })))]);
  return tagsForTask(userId, taskId);
}
