import "server-only";
import path from "node:path";
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { projects, type ProjectConfig } from "@/db/schema";
import { config } from "@/lib/config";
import { newId, nowIso } from "@/lib/domain/ids";
import { notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { resolveProjectFolder } from "./paths";
import { folderFreeFor, folderTakenError, getProject } from "./projects";
import type { ProjectView } from "./schemas";

/*
 * Projects brought in from other tools (lib/imports). A folder the other tool worked in becomes
 * this project's folder when this server may use it (under PROJECT_ROOTS, existing, nobody
 * else's); otherwise the project is "detached": it keeps its history (runs, tasks) but runs
 * nothing until its owner points it at a folder. A detached project's `path` is a folder under
 * DATA_DIR/detached that is never created, so nothing that reads or writes a project's folder
 * can reach the old path.
 */

/** The user's project for a folder of another tool: one that is that folder, or a detached one that came from it. */
export async function findProjectForFolder(userId: string, folder: string): Promise<string | null> {
  const candidates = [folder];
  try {
    candidates.push(await resolveProjectFolder(folder));
  } catch {
    // Not a folder this server may use: only a detached project can match.
  }
  const [row] = await db()
    .select({ id: projects.id })
    .from(projects)
    .where(
      and(
        eq(projects.userId, userId),
        or(...candidates.map((c) => eq(projects.path, c)), eq(projects.detachedFrom, folder)),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

/** A new project row (not inserted) for a folder of another tool: attached when this server may use the folder, else detached. */
export async function importedProjectRow(
  userId: string,
  input: { name: string; folder: string; setupScript?: string | null },
): Promise<typeof projects.$inferInsert> {
  const id = newId();
  const projectConfig: ProjectConfig = {};
  if (input.setupScript) projectConfig.setupScript = input.setupScript.slice(0, 20_000);
  const name = (input.name.trim() || path.basename(input.folder) || "Imported project").slice(0, 100);
  const real = await resolveProjectFolder(input.folder).catch(() => null);
  if (real && !(await folderTakenError(userId, real, input.folder))) {
    // Every row spells every key: imports write them with one guarded INSERT (guardedInsert takes the first row's keys).
    return { id, userId, name, path: real, isWorkspace: false, config: projectConfig, detachedFrom: null };
  }
  return { id, userId, name, path: detachedPath(id), isWorkspace: false, config: projectConfig, detachedFrom: input.folder.slice(0, 4096) };
}

function detachedPath(id: string): string {
  return path.join(config().dataDir, "detached", id);
}

/** Refuses (409, saying what to do) to run anything in a detached project. */
export async function assertProjectAttached(projectId: string): Promise<void> {
  const [row] = await db()
    .select({ detachedFrom: projects.detachedFrom })
    .from(projects)
    .where(and(eq(projects.id, projectId), isNotNull(projects.detachedFrom)))
    .limit(1);
  if (row) throw new LocalizedError("conflict", { key: "project.error.detached", vars: { path: row.detachedFrom! } });
}

/**
 * "Point at a folder": gives a detached project a folder under PROJECT_ROOTS (checked like a new
 * project's, and taken only if no other user has it, inside the UPDATE). Its history stays.
 */
export async function attachProject(userId: string, id: string, folderInput: string): Promise<ProjectView> {
  const project = await getProject(userId, id);
  if (!project.detachedFrom) throw new LocalizedError("conflict", { key: "project.error.notDetached" });
  const folder = await resolveProjectFolder(folderInput);
  const taken = await folderTakenError(userId, folder, folderInput.trim());
  if (taken) throw taken;
  const [row] = await db()
    .update(projects)
    .set({ path: folder, detachedFrom: null, updatedAt: nowIso() })
    .where(and(eq(projects.id, id), eq(projects.userId, userId), isNotNull(projects.detachedFrom), sql`${folderFreeFor(userId, folder)}`))
    .returning({ id: projects.id });
  if (!row) throw (await folderTakenError(userId, folder, folderInput.trim())) ?? notFoundError("project");
  return getProject(userId, id);
}
