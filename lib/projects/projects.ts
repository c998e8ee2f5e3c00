import "server-only";
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { agentRuns, projects, type Project, type ProjectConfig } from "@/db/schema";
import { cancelJob } from "@/lib/queue/queue";
import { stopAttempts } from "@/lib/attempts/stop";
import { config } from "@/lib/config";
import { AppError, notFoundError } from "@/lib/errors";
import { newId, nowIso } from "@/lib/domain/ids";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { displayPaths, resolveProjectFolder } from "./paths";
import type { ProjectCreateInput, ProjectUpdateInput, ProjectView } from "./schemas";

const run = promisify(execFile);

/** The columns a project shows to its owner (never user_id). */
const columns = {
  id: projects.id,
  name: projects.name,
  path: projects.path,
  repoUrl: projects.repoUrl,
  isWorkspace: projects.isWorkspace,
  config: projects.config,
  detachedFrom: projects.detachedFrom,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
};

function view(row: Pick<Project, keyof typeof columns>): ProjectView {
  return { ...row, config: row.config ?? {} };
}

/** A project as `viewer` may see it: the folder relative to its root unless they are an admin (see displayPaths). */
export async function presentProject(viewer: { role: string }, project: ProjectView): Promise<ProjectView> {
  return (await presentProjects(viewer, { data: [project] })).data[0]!;
}

/** A page of projects as `viewer` may see them. */
export async function presentProjects<T extends { data: ProjectView[] }>(viewer: { role: string }, page: T): Promise<T> {
  const shown = await displayPaths(viewer);
  // A detached project has no folder here: it shows the one it had in the other tool (the user's own words).
  const present = (p: ProjectView) => ({ ...p, path: p.detachedFrom ?? shown(p.path, p.isWorkspace) });
  return { ...page, data: page.data.map(present) };
}

/**
 * An existing folder belongs to one user: true when no other user's project
 * (not an app-made workspace) is that folder, inside it, or around it. A
 * condition for the INSERT (it runs under the write lock, so two users
 * adding the same folder at once cannot both win).
 */
export function folderFreeFor(userId: string, folder: string) {
  const other = sql`other`;
  return sql`NOT EXISTS (SELECT 1 FROM ${projects} AS ${other} WHERE ${other}.user_id <> ${userId} AND ${other}.is_workspace = 0
    AND (${other}.path = ${folder}
      OR substr(${other}.path, 1, length(${folder}) + 1) = ${folder} || '/'
      OR substr(${folder}, 1, length(${other}.path) + 1) = ${other}.path || '/'))`;
}

export async function folderTakenError(userId: string, folder: string, given: string): Promise<LocalizedError | null> {
  const [row] = await db().select({ free: sql<number>`${folderFreeFor(userId, folder)}` }).from(sql`(SELECT 1)`);
  if (row?.free) return null;
  const text = { key: "project.error.folderTaken", vars: { path: given } };
  return new LocalizedError("conflict", text, { path: text });
}

export function workspacesDir(): string {
  return path.join(config().dataDir, "workspaces");
}

/** The user's projects, newest first, `limit` at a time; `nextCursor` is null on the last page. */
export async function listProjects(userId: string, { limit, cursor }: { limit: number; cursor?: string }) {
  const page = keyset(projects.id, { limit, cursor });
  const rows = await db()
    .select(columns)
    .from(projects)
    // The folder kept for link analyses (kind `links`) is the app's, not one of the user's projects.
    .where(and(eq(projects.userId, userId), isNull(projects.deletedAt), eq(projects.kind, "user"), page.where))
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows.map(view));
}

/**
 * One of the user's projects; another user's id (or none) is not_found, and
 * so is the folder kept for link analyses (lib/links owns that one).
 */
export async function getProject(userId: string, id: string): Promise<ProjectView> {
  const [row] = await db()
    .select(columns)
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.userId, userId), isNull(projects.deletedAt), eq(projects.kind, "user")))
    .limit(1);
  if (!row) throw notFoundError("project");
  return view(row);
}

/** A new, empty git repository (one empty commit, so worktrees have a base) under DATA_DIR/workspaces/<id>. */
async function createWorkspace(id: string): Promise<string> {
  const dir = path.join(workspacesDir(), id);
  await fs.mkdir(dir, { recursive: true });
  const git = (...args: string[]) =>
    run(
      "git",
      [
        "-c", "user.name=Switchboard",
        "-c", "user.email=switchboard@localhost",
        "-c", "commit.gpgsign=false",
        "-c", "core.hooksPath=/dev/null",
        ...args,
      ],
      { cwd: dir, timeout: 30_000 },
    );
  try {
    await git("init", "-q", "-b", "main");
    await git("commit", "-q", "--allow-empty", "-m", "Empty workspace created by Switchboard");
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new LocalizedError("conflict", { key: "project.error.gitMissing" });
    }
    throw error;
  }
  return dir;
}

/** Removes a workspace folder the app created, and only such a folder: exactly DATA_DIR/workspaces/<id>. */
export async function removeWorkspace(id: string, folder: string) {
  const expected = path.join(workspacesDir(), id);
  if (path.resolve(folder) !== expected) {
    console.warn(`project ${id}: not removing ${folder}; it is not ${expected}`);
    return;
  }
  await fs.rm(expected, { recursive: true, force: true });
}

/**
 * Creates a project. Without a path the app makes a new empty git workspace;
 * with one, the folder must be under PROJECT_ROOTS (resolveProjectFolder).
 * The plan limit is checked by the INSERT itself (guardedInsert), so two
 * concurrent creates cannot both take the last slot.
 */
export async function createProject(userId: string, input: ProjectCreateInput): Promise<ProjectView> {
  const id = newId();
  const folder = input.path ? await resolveProjectFolder(input.path) : null;
  // Fail fast, before making a folder, when the plan is already full or the folder is someone else's.
  const early = (await planLimitError(userId, "projects")) ?? (folder ? await folderTakenError(userId, folder, input.path!.trim()) : null);
  if (early) throw early;
  const dir = folder ?? (await createWorkspace(id));
  const projectConfig: ProjectConfig = {};
  if (input.config?.setupScript) projectConfig.setupScript = input.config.setupScript;
  const row: typeof projects.$inferInsert = {
    id,
    userId,
    name: input.name,
    path: dir,
    repoUrl: input.repoUrl ?? null,
    isWorkspace: folder === null,
    config: projectConfig,
  };
  try {
    const condition = folder ? sql`${planLimitCondition("projects")} AND ${folderFreeFor(userId, folder)}` : planLimitCondition("projects");
    const result = await db().run(guardedInsert(projects, [row], userId, condition));
    if (result.rowsAffected === 0) {
      throw (
        (await planLimitError(userId, "projects")) ??
        (folder ? await folderTakenError(userId, folder, input.path!.trim()) : null) ??
        new AppError("conflict", "Please try again.")
      );
    }
  } catch (error) {
    if (folder === null) await removeWorkspace(id, dir);
    throw error;
  }
  return getProject(userId, id);
}

/** Renames a project, changes its repo URL or its setup script. The folder never changes. */
export async function updateProject(userId: string, id: string, patch: ProjectUpdateInput): Promise<ProjectView> {
  const set: SQLiteUpdateSetSource<typeof projects> = { updatedAt: nowIso() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.repoUrl !== undefined) set.repoUrl = patch.repoUrl;
  const script = patch.config?.setupScript;
  // Changed inside the stored JSON, so other keys (and concurrent edits of them) are kept.
  if (script) set.config = sql`json_set(${projects.config}, '$.setupScript', ${script})`;
  else if (script !== undefined) set.config = sql`json_remove(${projects.config}, '$.setupScript')`;
  const [row] = await db()
    .update(projects)
    .set(set)
    .where(and(eq(projects.id, id), eq(projects.userId, userId), isNull(projects.deletedAt), eq(projects.kind, "user")))
    .returning(columns);
  if (!row) throw notFoundError("project");
  return view(row);
}

/**
 * Moves a project to the trash (lib/trash) for 30 days: it and everything under it (ideas,
 * tasks, attempts, runs, conversations) disappear from every list and page until it is
 * restored or purged. Its live runs and attempts are stopped now, as a deletion would; its
 * folder stays on disk until the purge.
 */
export async function deleteProject(userId: string, id: string): Promise<void> {
  await getProject(userId, id); // not_found before stopping anything
  const active = await db()
    .select({ id: agentRuns.id })
    .from(agentRuns)
    .where(and(eq(agentRuns.projectId, id), eq(agentRuns.userId, userId), inArray(agentRuns.status, ["queued", "running"])));
  for (const run of active) await cancelJob(run.id, { userId }).catch(() => undefined);
  await stopAttempts(userId, { projectId: id });
  const [row] = await db()
    .update(projects)
    .set({ deletedAt: nowIso() })
    .where(and(eq(projects.id, id), eq(projects.userId, userId), isNull(projects.deletedAt)))
    .returning({ id: projects.id });
  if (!row) throw notFoundError("project");
}

/**
 * Deletes a trashed project for good (the trash's purge) and, through foreign keys,
 * everything that hangs off it (runs, tasks, ideas, ...). A workspace the app created is
 * removed from disk too; a user's own folder never is.
 */
export async function purgeProject(userId: string, id: string): Promise<boolean> {
  const [row] = await db()
    .delete(projects)
    .where(and(eq(projects.id, id), eq(projects.userId, userId), sql`${projects.deletedAt} IS NOT NULL`))
    .returning({ path: projects.path, isWorkspace: projects.isWorkspace });
  if (!row) return false;
  if (row.isWorkspace) await removeWorkspace(id, row.path);
  return true;
}
