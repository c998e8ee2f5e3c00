import "server-only";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { agents, ideas, projects, tags, tasks, taskTags } from "@/db/schema";
import { AppError, notFoundError } from "@/lib/errors";
import { deleteUnusedImages, imageIdsForTasks } from "@/lib/images/images";
import { newId, nowIso } from "@/lib/domain/ids";
import { stopAttempts } from "@/lib/attempts/stop";
import { projectNotTrashed } from "@/lib/trash/visible";
import type { TaskCreateParsed, TaskListQuery, TaskUpdateInput, TaskView } from "./schemas";

/** The columns a task shows to its owner (never user_id). */
export const taskColumns = {
  id: tasks.id,
  projectId: tasks.projectId,
  projectName: projects.name,
  ideaId: tasks.ideaId,
  parentTaskId: tasks.parentTaskId,
  title: tasks.title,
  description: tasks.description,
  type: tasks.type,
  status: tasks.status,
  priority: tasks.priority,
  assignedAgentId: tasks.assignedAgentId,
  assignedAgentName: agents.name,
  spec: tasks.spec,
  result: tasks.result,
  position: tasks.position,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

/** Select taskColumns from tasks with the joins they need; add `.where(...)`. */
export function selectTasks() {
  return db()
    .select(taskColumns)
    .from(tasks)
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .leftJoin(agents, eq(agents.id, tasks.assignedAgentId));
}

/** A task that is not in the trash, nor under a project that is (for queries joined with projects, like selectTasks). */
export const taskNotTrashed = () => and(isNull(tasks.deletedAt), isNull(projects.deletedAt));

/** The same for a query on tasks alone. */
export const taskRowNotTrashed = () => and(isNull(tasks.deletedAt), projectNotTrashed(tasks.projectId));

/** One of the user's tasks; another user's id (or none, or one in the trash) is not_found. */
export async function getTask(userId: string, id: string): Promise<TaskView> {
  const [row] = await selectTasks()
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), taskNotTrashed()))
    .limit(1);
  if (!row) throw notFoundError("task");
  return row;
}

/** The user's tasks, newest first, filtered; keyset pagination on the time-ordered id. Top-level tasks unless `parentTaskId`. */
export async function listTasks(userId: string, query: TaskListQuery) {
  const page = keyset(tasks.id, query);
  const rows = await selectTasks()
    .where(
      and(
        eq(tasks.userId, userId),
        taskNotTrashed(),
        query.projectId ? eq(tasks.projectId, query.projectId) : undefined,
        query.status ? eq(tasks.status, query.status) : undefined,
        query.agentId ? eq(tasks.assignedAgentId, query.agentId) : undefined,
        query.ideaId ? eq(tasks.ideaId, query.ideaId) : undefined,
        query.parentTaskId ? eq(tasks.parentTaskId, query.parentTaskId) : isNull(tasks.parentTaskId),
        query.tagId
          ? sql`EXISTS (SELECT 1 FROM ${taskTags} WHERE ${taskTags.taskId} = ${tasks.id} AND ${taskTags.tagId} = ${query.tagId})`
          : undefined,
        page.where,
      ),
    )
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows);
}

const unique = (ids: Array<string | null | undefined>) => [...new Set(ids.filter((v): v is string => !!v))];

/** Every referenced project, agent, idea and parent task must be the user's; else not_found naming which. */
async function assertReferencesOwned(userId: string, inputs: Array<Partial<TaskCreateParsed>>) {
  type Table = typeof projects | typeof agents | typeof ideas | typeof tasks | typeof tags;
  const check = async (ids: string[], table: Table, what: string, live?: SQL) => {
    if (ids.length === 0) return;
    const found = await db()
      .select({ id: table.id })
      .from(table)
      .where(and(inArray(table.id, ids), eq(table.userId, userId), live));
    if (found.length !== ids.length) throw notFoundError(what);
  };
  // Something in the trash is not there for a new task to point at.
  await check(unique(inputs.map((i) => i.projectId)), projects, "project", isNull(projects.deletedAt));
  await check(unique(inputs.map((i) => i.assignedAgentId)), agents, "agent", isNull(agents.deletedAt));
  await check(unique(inputs.map((i) => i.ideaId)), ideas, "idea", projectNotTrashed(ideas.projectId));
  await check(unique(inputs.flatMap((i) => i.tagIds ?? [])), tags, "tag");
  const parents = unique(inputs.map((i) => i.parentTaskId));
  await check(parents, tasks, "task", taskRowNotTrashed());
  if (parents.length > 0) {
    const rows = await db().select({ id: tasks.id, projectId: tasks.projectId }).from(tasks).where(inArray(tasks.id, parents));
    const projectOf = new Map(rows.map((r) => [r.id, r.projectId]));
    for (const input of inputs) {
      if (input.parentTaskId && projectOf.get(input.parentTaskId) !== input.projectId) {
        throw new AppError("validation", "A subtask belongs to its parent's project.");
      }
    }
  }
}

/**
 * Creates tasks (one, or the several an approved idea becomes) in one
 * transaction, after checking that everything they point at is the user's.
 * A subtask is placed after its parent's existing subtasks.
 */
export async function createTasks(userId: string, inputs: TaskCreateParsed[]): Promise<TaskView[]> {
  if (inputs.length === 0) return [];
  await assertReferencesOwned(userId, inputs);
  const ids = inputs.map(() => newId());
  const statements = inputs.map((input, i) =>
    db()
      .insert(tasks)
      .values({
        id: ids[i],
        userId,
        projectId: input.projectId,
        ideaId: input.ideaId ?? null,
        parentTaskId: input.parentTaskId ?? null,
        title: input.title,
        description: input.description,
        type: input.type,
        priority: input.priority,
        assignedAgentId: input.assignedAgentId ?? null,
        spec: input.spec ?? null,
        position: input.parentTaskId
          ? sql`(SELECT coalesce(max(${tasks.position}) + 1, 0) FROM ${tasks} WHERE ${tasks.parentTaskId} = ${input.parentTaskId})`
          : 0,
      }),
  );
  const tagLinks = inputs.flatMap((input, i) => [...new Set(input.tagIds ?? [])].map((tagId) => ({ taskId: ids[i]!, tagId })));
  const all = tagLinks.length > 0 ? [...statements, db().insert(taskTags).values(tagLinks)] : statements;
  await db().batch(all as [(typeof all)[number], ...typeof all]);
  const created = await selectTasks().where(and(inArray(tasks.id, ids), eq(tasks.userId, userId)));
  const byId = new Map(created.map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)!);
}

export async function createTask(userId: string, input: TaskCreateParsed): Promise<TaskView> {
  const [task] = await createTasks(userId, [input]);
  return task!;
}

/** Changes any of a task's fields (a board move is `{ status, position }`); the agent, if set, must be the user's. */
export async function updateTask(userId: string, id: string, patch: TaskUpdateInput): Promise<TaskView> {
  if (patch.assignedAgentId) await assertReferencesOwned(userId, [{ assignedAgentId: patch.assignedAgentId }]);
  const updated = await db()
    .update(tasks)
    .set({ ...patch, updatedAt: nowIso() })
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), taskRowNotTrashed()))
    .returning({ id: tasks.id });
  if (updated.length === 0) throw notFoundError("task");
  return getTask(userId, id);
}

/** The task and every level of subtasks below it (the API lets a subtask have subtasks), trashed or not. */
export async function taskSubtree(userId: string, id: string): Promise<string[]> {
  const taskIds = [id];
  for (let level = [id]; level.length > 0; ) {
    const rows = await db().select({ id: tasks.id }).from(tasks).where(and(inArray(tasks.parentTaskId, level), eq(tasks.userId, userId)));
    level = rows.map((r) => r.id).filter((sub) => !taskIds.includes(sub));
    taskIds.push(...level);
  }
  return taskIds;
}

/**
 * Moves a task to the trash (lib/trash) for 30 days with its subtasks, which are stamped with
 * the same time (so restoring it brings back exactly them); its attempts go out of sight with
 * it. Their agents stop now, as a deletion would; worktrees stay until the purge.
 */
export async function deleteTask(userId: string, id: string): Promise<void> {
  await getTask(userId, id); // not_found before stopping anything
  const taskIds = await taskSubtree(userId, id);
  await stopAttempts(userId, { taskIds });
  const updated = await db()
    .update(tasks)
    .set({ deletedAt: nowIso() })
    .where(and(inArray(tasks.id, taskIds), eq(tasks.userId, userId), isNull(tasks.deletedAt)))
    .returning({ id: tasks.id });
  if (!updated.some((t) => t.id === id)) throw notFoundError("task");
}

/** Deletes a trashed task for good (the trash's purge) with its subtasks, attempts and links (cascades), and its images' rows and files. */
export async function purgeTask(userId: string, id: string): Promise<boolean> {
  const taskIds = await taskSubtree(userId, id);
  const imageIds = await imageIdsForTasks(userId, taskIds);
  const deleted = await db()
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), sql`${tasks.deletedAt} IS NOT NULL`))
    .returning({ id: tasks.id });
  if (deleted.length === 0) return false;
  await deleteUnusedImages(userId, imageIds);
  return true;
}
