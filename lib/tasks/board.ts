import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { tags, taskAttempts, tasks, taskTags } from "@/db/schema";
import { imagesForTask } from "@/lib/images/images";
import { tagsForTask } from "@/lib/tags/tags";
import type { BoardCard, BoardCardRow, TaskDetail } from "./schemas";
import { getTask } from "./tasks";

export type BoardFilters = { projectId?: string; agentId?: string; tagId?: string };

/**
 * Board rows (the columns' pages, lib/tasks/board-columns.ts) as cards: each
 * with its tags, its subtask counts and its latest attempt, in three queries for all of them.
 */
export async function withCardDetails(userId: string, rows: BoardCardRow[]): Promise<BoardCard[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);

  const tagRows = await db()
    .select({ taskId: taskTags.taskId, id: tags.id, name: tags.name })
    .from(taskTags)
    .innerJoin(tags, eq(tags.id, taskTags.tagId))
    .where(and(inArray(taskTags.taskId, ids), eq(tags.userId, userId)))
    .orderBy(asc(tags.name));
  const counts = await db()
    .select({
      parentTaskId: tasks.parentTaskId,
      total: sql<number>`count(*)`,
      done: sql<number>`sum(case when ${tasks.status} = 'done' then 1 else 0 end)`,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), inArray(tasks.parentTaskId, ids), isNull(tasks.deletedAt)))
    .groupBy(tasks.parentTaskId);

  // The latest attempt of each card (ids are time-ordered, so the last row per task wins).
  const attempts = await db()
    .select({ taskId: taskAttempts.taskId, status: taskAttempts.status, mergedAt: taskAttempts.mergedAt })
    .from(taskAttempts)
    .where(inArray(taskAttempts.taskId, ids))
    .orderBy(asc(taskAttempts.id));
  const latestAttempt = new Map(attempts.map((a) => [a.taskId, a]));

  const tagsOf = new Map<string, Array<{ id: string; name: string }>>();
  for (const t of tagRows) tagsOf.set(t.taskId, [...(tagsOf.get(t.taskId) ?? []), { id: t.id, name: t.name }]);
  const countOf = new Map(counts.map((c) => [c.parentTaskId, c]));
  return rows.map((row) => ({
    ...row,
    tags: tagsOf.get(row.id) ?? [],
    subtaskCount: Number(countOf.get(row.id)?.total ?? 0),
    subtasksDone: Number(countOf.get(row.id)?.done ?? 0),
    attempt: latestAttempt.has(row.id) ? { status: latestAttempt.get(row.id)!.status, merged: !!latestAttempt.get(row.id)!.mergedAt } : null,
  }));
}

/** A task's subtasks in their order. */
export async function subtasksOf(userId: string, taskId: string) {
  return db()
    .select({ id: tasks.id, title: tasks.title, status: tasks.status, position: tasks.position })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.parentTaskId, taskId), isNull(tasks.deletedAt)))
    .orderBy(asc(tasks.position), asc(tasks.id));
}

/** One of the user's tasks with its tags, subtasks and images (metadata and the URL that serves each). */
export async function getTaskDetail(userId: string, id: string): Promise<TaskDetail> {
  const task = await getTask(userId, id);
  const [taskTagRows, subtasks, images] = await Promise.all([tagsForTask(userId, id), subtasksOf(userId, id), imagesForTask(userId, id)]);
  return {
    ...task,
    tags: taskTagRows.map((t) => ({ id: t.id, name: t.name })),
    subtasks,
    images: images.map((i) => ({ id: i.id, originalName: i.originalName, mimeType: i.mimeType, sizeBytes: i.sizeBytes, url: imageUrl(i.id) })),
  };
}

export const imageUrl = (imageId: string) => `/api/v1/images/${imageId}`;

/**
 * Moves a subtask one place up or down among its siblings by swapping
 * positions (renumbering first, so equal positions from old data still move).
 */
export async function moveSubtask(userId: string, subtaskId: string, direction: "up" | "down"): Promise<void> {
  const task = await getTask(userId, subtaskId);
  if (!task.parentTaskId) return;
  const siblings = await subtasksOf(userId, task.parentTaskId);
  const index = siblings.findIndex((s) => s.id === subtaskId);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= siblings.length) return;
  const order = siblings.map((s) => s.id);
  [order[index], order[target]] = [order[target]!, order[index]!];
  const statements = order.map((sid, position) =>
    db().update(tasks).set({ position }).where(and(eq(tasks.id, sid), eq(tasks.userId, userId))),
  );
  await db().batch(statements as [(typeof statements)[number], ...typeof statements]);
}
