import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "@/lib/config";
import { LocalizedError, type LocalizedText } from "@/lib/i18n/localized-error";

function refuse(text: LocalizedText): never {
  throw new LocalizedError("validation", text, { path: text });
}

/** True when `child` is `root` itself or somewhere below it (both absolute, normalised). */
export function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel));
}

async function realOrNull(p: string): Promise<string | null> {
  try {
    return await fs.realpath(p);
  } catch {
    return null;
  }
}

/**
 * Checks a folder someone wants to add as a project and returns its real path.
 * Only folders under PROJECT_ROOTS are allowed, compared after resolving `..`
 * and symlinks, so neither can escape a root. Anything else is a 400 that
 * says why (LocalizedError with a `path` field message).
 *
 * The path is first checked as written (after `..` is resolved) before the
 * disk is touched, so a caller cannot probe whether folders outside the roots
 * exist.
 */
export async function resolveProjectFolder(input: string): Promise<string> {
  const given = input.trim();
  if (!path.isAbsolute(given)) refuse({ key: "project.error.pathNotAbsolute" });

  const roots = config().projectRoots;
  if (roots.length === 0) refuse({ key: "project.error.noRoots" });
  const realRoots = (await Promise.all(roots.map(realOrNull))).filter((r): r is string => r !== null);
  const rootList = roots.join(", ");

  const lexical = path.resolve(given);
  if (![...roots, ...realRoots].some((root) => isInside(lexical, root))) {
    refuse(
      !given.split("/").includes("..")
        ? { key: "project.error.outsideRoots", vars: { path: given, roots: rootList } }
        : { key: "project.error.outsideRootsResolved", vars: { path: given, real: lexical, roots: rootList } },
    );
  }

  let real: string;
  try {
    real = await fs.realpath(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") refuse({ key: "project.error.pathUnreadable", vars: { path: given } });
    refuse({ key: "project.error.pathMissing", vars: { path: given } });
  }

  // A symlink (or a symlinked parent) may point anywhere: check where it really leads,
  // without saying where (a symlink target is the server's business, not the caller's).
  if (!realRoots.some((root) => isInside(real, root))) {
    refuse({ key: "project.error.outsideRootsLinked", vars: { path: given, roots: rootList } });
  }
  // A root holds every user's folders: it is never a project itself.
  if (realRoots.some((root) => real === root)) refuse({ key: "project.error.isRoot", vars: { path: given } });

  const stat = await fs.stat(real).catch(() => null);
  if (!stat?.isDirectory()) refuse({ key: "project.error.notAFolder", vars: { path: given } });

  try {
    await fs.access(real, fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    refuse({ key: "project.error.pathUnreadable", vars: { path: given } });
  }

  // The app's own data (database, secrets, other users' workspaces) is never a project.
  const dataDir = (await realOrNull(config().dataDir)) ?? config().dataDir;
  if (isInside(real, dataDir) || isInside(dataDir, real)) refuse({ key: "project.error.dataDir", vars: { path: given } });

  return real;
}

/**
 * How a project's folder is shown to a user who is not an admin: relative to
 * the PROJECT_ROOTS folder it lives in (a workspace the app made is "."), so
 * neither the server's layout nor where a symlink led leaves the server.
 * Admins see the absolute path. The database keeps the absolute path.
 */
export async function displayPaths(viewer: { role: string }): Promise<(absolute: string, isWorkspace: boolean) => string> {
  if (viewer.role === "admin") return (absolute) => absolute;
  // Resolved once per page of projects, not once per project.
  const roots = (await Promise.all(config().projectRoots.map(async (r) => [r, await realOrNull(r)] as const))).flatMap(([r, real]) =>
    real && real !== r ? [r, real] : [r],
  );
  return (absolute, isWorkspace) => {
    if (isWorkspace) return ".";
    const root = roots.filter((r) => isInside(absolute, r)).sort((a, b) => b.length - a.length)[0];
    return root ? path.relative(root, absolute) || "." : path.basename(absolute);
  };
}
