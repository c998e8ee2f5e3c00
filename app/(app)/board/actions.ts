"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { TASK_STATUSES } from "@/lib/domain";
import { validatedAction } from "@/lib/actions/validated-action";
import { deleteImage } from "@/lib/images/images";
import { getT } from "@/lib/i18n/server";
import { setTaskTags } from "@/lib/tags/tags";
import { moveSubtask } from "@/lib/tasks/board";
import { boardCardsById, boardColumnPage } from "@/lib/tasks/board-columns";
import { boardCardsSchema, boardPageSchema, tagIdList, taskCreateSchema, taskTitle, taskUpdateSchema } from "@/lib/tasks/schemas";
import { createTask, deleteTask, getTask, updateTask } from "@/lib/tasks/tasks";

/** The "New task" dialog, or a column's quick-add (which names its column's status). */
export const createTaskAction = validatedAction(taskCreateSchema.extend({ status: z.enum(TASK_STATUSES).optional() }), async ({ status, ...data }, { user }) => {
  const task = await createTask(user.id, data);
  if (status && status !== task.status) await updateTask(user.id, task.id, { status });
  revalidatePath("/board");
  return { ok: true, message: (await getT())("board.new.created") };
});

export const updateTaskAction = validatedAction(taskUpdateSchema.extend({ id }), async ({ id: taskId, ...patch }, { user }) => {
  await updateTask(user.id, taskId, patch);
  revalidatePath("/board");
  return { ok: true, message: (await getT())("common.saved") };
});

/** A board move (drag and drop, the Move menu or the keyboard); the board already shows it and rolls back on an error. */
export const moveTaskAction = validatedAction(z.object({ id, status: z.enum(TASK_STATUSES) }), async ({ id: taskId, status }, { user }) => {
  await updateTask(user.id, taskId, { status });
  revalidatePath("/board");
});

/** A column's "Show more": its next page after the last card it has (the filters' ids must be the user's). */
export const columnPageAction = validatedAction(boardPageSchema, async ({ status, afterPriority, afterPosition, afterId, ...filters }, { user }) => {
  const page = await boardColumnPage(user.id, status, filters, { priority: afterPriority, position: afterPosition, id: afterId });
  return { ok: true, page };
});

/** The latest copies of the cards a board page loaded beyond the first pages (after the server's board changed). */
export const boardCardsAction = validatedAction(boardCardsSchema, async ({ ids, ...filters }, { user }) => {
  return { ok: true, cards: await boardCardsById(user.id, ids, filters) };
});

export const deleteTaskAction = validatedAction(z.object({ id, back: z.string().max(2000).optional() }), async ({ id: taskId, back }, { user }) => {
  await deleteTask(user.id, taskId);
  revalidatePath("/board");
  redirect(back?.startsWith("/board") ? back : "/board");
});

export const setTaskTagsAction = validatedAction(z.object({ id, tagIds: tagIdList }), async ({ id: taskId, tagIds }, { user }) => {
  await setTaskTags(user.id, taskId, tagIds);
  revalidatePath("/board");
  return { ok: true, message: (await getT())("board.tags.saved") };
});

export const createSubtaskAction = validatedAction(z.object({ parentTaskId: id, title: taskTitle }), async ({ parentTaskId, title }, { user }) => {
  const parent = await getTask(user.id, parentTaskId);
  await createTask(user.id, taskCreateSchema.parse({ projectId: parent.projectId, parentTaskId, title }));
  revalidatePath("/board");
  return { ok: true };
});

export const setSubtaskDoneAction = validatedAction(z.object({ id, done: z.enum(["true", "false"]) }), async ({ id: taskId, done }, { user }) => {
  await updateTask(user.id, taskId, { status: done === "true" ? "done" : "queued" });
  revalidatePath("/board");
});

export const moveSubtaskAction = validatedAction(z.object({ id, direction: z.enum(["up", "down"]) }), async ({ id: taskId, direction }, { user }) => {
  await moveSubtask(user.id, taskId, direction);
  revalidatePath("/board");
});

export const deleteSubtaskAction = validatedAction(z.object({ id }), async ({ id: taskId }, { user }) => {
  const subtask = await getTask(user.id, taskId);
  if (!subtask.parentTaskId) return { error: (await getT())("errors.checkFields") };
  await deleteTask(user.id, taskId);
  revalidatePath("/board");
});

export const deleteImageAction = validatedAction(z.object({ id }), async ({ id: imageId }, { user }) => {
  await deleteImage(user.id, imageId);
  revalidatePath("/board");
});
