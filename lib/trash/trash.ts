import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, yieldToEventLoop } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { agents, conversations, projects, tasks, users } from "@/db/schema";
import { planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { purgeConversation } from "@/lib/conversations/conversations";
import { JOB_TYPES, TRASH_DAYS, type TrashKind } from "@/lib/domain";
import { AppError, notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { purgeProject } from "@/lib/projects/projects";
import { recurringJobDefinition, scheduleRecurring, type RecurringJob } from "@/lib/queue/recurring";
import { purgeTask, taskSubtree } from "@/lib/tasks/tasks";
import type { TrashItem } from "./schemas";

/**
 * The trash: deleting a project, agent, task or conversation sets its
 * `deleted_at` (in its own domain's delete function), which hides it and what
 * hangs under it everywhere but here. From here it is restored with the same
 * id and everything under it, deleted for good ("Delete forever"), or purged
 * by the daily `purge_trash` job TRASH_DAYS after its deletion.
 */

const TABLES = { project: projects, agent: agents, task: tasks, conversation: conversations } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const purgeAt = (deletedAt: string) => new Date(new Date(deletedAt).getTime() + TRASH_DAYS * DAY_MS).toISOString();

type Row = { kind: TrashKind; id: string; name: string; projectId: string | null; projectName: string | null; deletedAt: string };

/**
 * Everything of the user's in the trash, most recently deleted first; the cursor is
 * `<deletedAt>|<id>` of the last item. A subtask trashed with its parent task is part of that
 * task's entry, not one of its own (it shares the parent's deleted_at).
 */
export async function listTrash(userId: string, { limit, cursor }: { limit: number; cursor?: string }) {
  const [at, id] = cursor?.split("|") ?? [];
  const after = at && id ? sql`WHERE (deleted_at < ${at} OR (deleted_at = ${at} AND id < ${id}))` : sql``;
  const rows = await db().all<Row>(sql`SELECT kind, id, name, project_id AS "projectId", project_name AS "projectName", deleted_at AS "deletedAt" FROM (
      SELECT 'project' AS kind, id, name, NULL AS project_id, NULL AS project_name, deleted_at FROM ${projects}
        WHERE user_id = ${userId} AND deleted_at IS NOT NULL
      UNION ALL
      SELECT 'agent', id, name, NULL, NULL, deleted_at FROM ${agents}
        WHERE user_id = ${userId} AND deleted_at IS NOT NULL
      UNION ALL
      SELECT 'task', t.id, t.title, t.project_id, p.name, t.deleted_at FROM ${tasks} AS t JOIN ${projects} AS p ON p.id = t.project_id
        WHERE t.user_id = ${userId} AND t.deleted_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${tasks} AS parent WHERE parent.id = t.parent_task_id AND parent.deleted_at = t.deleted_at)
      UNION ALL
      SELECT 'conversation', c.id, c.title, c.project_id, p.name, c.deleted_at FROM ${conversations} AS c LEFT JOIN ${projects} AS p ON p.id = c.project_id
        WHERE c.user_id = ${userId} AND c.deleted_at IS NOT NULL
    ) ${after}
    ORDER BY deleted_at DESC, id DESC LIMIT ${limit + 1}`);
  const data: TrashItem[] = rows.slice(0, limit).map((row) => ({ ...row, purgeAt: purgeAt(row.deletedAt) }));
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? `${last.deletedAt}|${last.id}` : null };
}

/** One item in the user's trash (a subtask trashed with its parent is not one); another user's id, or one not in the trash, is not_found. */
async function trashed(userId: string, kind: TrashKind, id: string): Promise<Row> {
  const table = TABLES[kind];
  const name = { project: projects.name, agent: agents.name, task: tasks.title, conversation: conversations.title }[kind];
  const [row] = await db()
    .select({ id: table.id, name, deletedAt: table.deletedAt })
    .from(table)
    .where(and(eq(table.id, id), eq(table.userId, userId), sql`${table.deletedAt} IS NOT NULL`))
    .limit(1);
  if (!row?.deletedAt) throw notFoundError(kind);
  return { kind, id: row.id, name: row.name, projectId: null, projectName: null, deletedAt: row.deletedAt };
}

const restoreConflict = (key: string, vars: Record<string, string | number> = {}) => new LocalizedError("conflict", { key, vars });

/** The project an item hangs under must be out of the trash first. */
async function assertProjectLive(projectId: string | null) {
  if (!projectId) return;
  const [project] = await db().select({ name: projects.name, deletedAt: projects.deletedAt }).from(projects).where(eq(projects.id, projectId)).limit(1);
  if (project?.deletedAt) throw restoreConflict("trash.error.projectInTrash", { name: project.name });
}

/** A condition on the owner's plan for an UPDATE of one row (`users` is not in that statement's FROM, so it is asked in a subquery). */
const fitsPlan = (userId: string, resource: "projects" | "agents"): SQL =>
  sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} AND ${planLimitCondition(resource)})`;

/**
 * Brings an item back with the same id and everything under it. A project or agent takes
 * a plan slot again (refused with the plan's 403 when none is free, decided in the UPDATE
 * itself); an agent whose name another agent took meanwhile, or a task or conversation whose
 * project (or parent task) is still in the trash, is refused with a 409 that says what to do.
 */
export async function restoreFromTrash(userId: string, kind: TrashKind, id: string): Promise<TrashItem> {
  const item = await trashed(userId, kind, id);
  const done = (): TrashItem => ({ ...item, purgeAt: purgeAt(item.deletedAt) });
  if (kind === "project" || kind === "agent") {
    const table = kind === "project" ? projects : agents;
    const resource = kind === "project" ? "projects" : "agents";
    try {
      const restored = await db()
        .update(table)
        .set({ deletedAt: null })
        .where(and(eq(table.id, id), eq(table.userId, userId), eq(table.deletedAt, item.deletedAt), fitsPlan(userId, resource)))
        .returning({ id: table.id });
      if (restored.length === 0) throw (await planLimitError(userId, resource)) ?? new AppError("conflict", "Please try again.");
    } catch (error) {
      if (isUniqueViolation(error)) throw restoreConflict("trash.error.agentNameTaken", { name: item.name });
      throw error;
    }
    return done();
  }
  if (kind === "task") {
    const [task] = await db().select({ projectId: tasks.projectId, parentTaskId: tasks.parentTaskId }).from(tasks).where(eq(tasks.id, id)).limit(1);
    await assertProjectLive(task!.projectId);
    if (task!.parentTaskId) {
      const [parent] = await db().select({ title: tasks.title, deletedAt: tasks.deletedAt }).from(tasks).where(eq(tasks.id, task!.parentTaskId)).limit(1);
      if (parent?.deletedAt) throw restoreConflict("trash.error.parentInTrash", { name: parent.title });
    }
    // Exactly the subtasks trashed with it (same time), not one trashed on its own before.
    const subtree = await taskSubtree(userId, id);
    await db()
      .update(tasks)
      .set({ deletedAt: null })
      .where(and(inArray(tasks.id, subtree), eq(tasks.userId, userId), eq(tasks.deletedAt, item.deletedAt)));
    return done();
  }
  const [conversation] = await db().select({ projectId: conversations.projectId }).from(conversations).where(eq(conversations.id, id)).limit(1);
  await assertProjectLive(conversation!.projectId);
  await db()
    .update(conversations)
    .set({ deletedAt: null })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId), eq(conversations.deletedAt, item.deletedAt)));
  return done();
}

/** Where a restored item lives now, and its name (for the page's "is back" note); null when it is not the user's or still in the trash. */
export async function restoredItem(userId: string, kind: TrashKind, id: string): Promise<{ name: string; href: string } | null> {
  const table = TABLES[kind];
  const name = { project: projects.name, agent: agents.name, task: tasks.title, conversation: conversations.title }[kind];
  const [row] = await db()
    .select({ name })
    .from(table)
    .where(and(eq(table.id, id), eq(table.userId, userId), sql`${table.deletedAt} IS NULL`))
    .limit(1);
  if (!row) return null;
  const href = { project: `/projects/${id}`, agent: `/agents/${id}`, task: `/board?task=${id}`, conversation: `/chat/${id}` }[kind];
  return { name: row.name, href };
}

/** Deletes one trashed item for good, with everything under it (the foreign keys' cascades, a workspace folder, task images). */
async function purgeOne(userId: string, kind: TrashKind, id: string): Promise<boolean> {
  switch (kind) {
    case "project":
      return purgeProject(userId, id);
    case "task":
      return purgeTask(userId, id);
    case "conversation":
      return purgeConversation(userId, id);
    case "agent": {
      // Runs, tasks and conversations that used it keep their history (agent_id set null).
      const deleted = await db()
        .delete(agents)
        .where(and(eq(agents.id, id), eq(agents.userId, userId), sql`${agents.deletedAt} IS NOT NULL`))
        .returning({ id: agents.id });
      return deleted.length > 0;
    }
  }
}

/** "Delete forever": only something in the caller's own trash; anything else is not_found. */
export async function deleteForever(userId: string, kind: TrashKind, id: string): Promise<void> {
  await trashed(userId, kind, id);
  if (!(await purgeOne(userId, kind, id))) throw notFoundError(kind);
}

/** Items deleted more than TRASH_DAYS before `now`, of every user, deleted for good (at most `batch` of each kind per call). */
export async function purgeExpiredTrash(now = new Date(), batch = 500): Promise<Record<TrashKind, number>> {
  const cutoff = new Date(now.getTime() - TRASH_DAYS * DAY_MS).toISOString();
  const purged: Record<TrashKind, number> = { project: 0, agent: 0, task: 0, conversation: 0 };
  for (const kind of ["conversation", "task", "agent", "project"] as const) {
    const table = TABLES[kind];
    const expired = await db()
      .select({ id: table.id, userId: table.userId })
      .from(table)
      .where(and(sql`${table.deletedAt} IS NOT NULL`, sql`${table.deletedAt} < ${cutoff}`, kind === "task" ? trashRootTask() : undefined))
      .limit(batch);
    for (const row of expired) {
      if (await purgeOne(row.userId, kind, row.id)) purged[kind]++;
      await yieldToEventLoop();
    }
  }
  return purged;
}

/** A trashed task that is not part of its parent's trash entry (a subtask goes with its parent). */
const trashRootTask = () =>
  sql`NOT EXISTS (SELECT 1 FROM ${tasks} AS parent WHERE parent.id = ${tasks.parentTaskId} AND parent.deleted_at = ${tasks.deletedAt})`;

const purgeTrash: RecurringJob = {
  type: JOB_TYPES.purgeTrash,
  intervalMs: DAY_MS,
  run: async () => ({ purged: await purgeExpiredTrash() }),
};

/** Start the daily purge chain (at server and worker start; one job across every process). */
export function scheduleTrashPurge(runAt: Date = new Date()): Promise<boolean> {
  return scheduleRecurring(purgeTrash, runAt);
}

export const purgeTrashJobDefinition = recurringJobDefinition(purgeTrash);
