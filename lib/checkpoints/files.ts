import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";
import { gitRun } from "@/lib/git/git";
import { repoLayout } from "@/lib/git/layout";

/**
 * A project's files as checkpoints see them, read and written without ever following a
 * symlink: a symlink is kept as a link (its target is its content), never read through,
 * and a restore never writes through one or outside the project. Otherwise an agent could
 * link `notes.txt` to DATA_DIR/auth-secret and have the server copy it into a checkpoint,
 * or have a restore write anywhere the server can.
 */

export const FILE_MODE = 0o100644;
export const EXEC_MODE = 0o100755;
export const LINK_MODE = 0o120000;

export type FileEntry = { path: string; mode: number; size: number };

const isLink = (mode: number) => mode === LINK_MODE;

/** `rel` inside `root` (no "..", not absolute, no .git), or null. */
export function safeRelative(rel: string): string | null {
  const norm = path.posix.normalize(rel);
  if (!rel || norm.startsWith("../") || norm === ".." || path.posix.isAbsolute(norm) || norm.includes("\0")) return null;
  if (norm.split("/").some((part) => part === ".git")) return null;
  return norm;
}

/** Whether every folder between `root` and `rel`'s file is a real folder (no symlink on the way). */
async function parentsAreFolders(root: string, rel: string): Promise<boolean> {
  const parts = rel.split("/").slice(0, -1);
  let dir = root;
  for (const part of parts) {
    dir = path.join(dir, part);
    const st = await fs.lstat(dir).catch(() => null);
    if (!st || !st.isDirectory()) return false;
  }
  return true;
}

async function describe(root: string, rel: string): Promise<FileEntry | null> {
  const st = await fs.lstat(path.join(root, rel)).catch(() => null);
  if (!st) return null;
  if (st.isSymbolicLink()) return { path: rel, mode: LINK_MODE, size: st.size };
  if (!st.isFile()) return null;
  return { path: rel, mode: st.mode & 0o111 ? EXEC_MODE : FILE_MODE, size: st.size };
}

/** Walks the folder without following links, leaving .git out (projects that are not repositories). */
async function walk(root: string, rel = "", out: FileEntry[] = []): Promise<FileEntry[]> {
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await walk(root, child, out);
    else {
      const found = await describe(root, child);
      if (found) out.push(found);
    }
  }
  return out;
}

/**
 * The project's files, sorted by path: in a git repository what `git ls-files -co
 * --exclude-standard` names (tracked and untracked, ignored ones left out; run through the
 * confined gitRun), elsewhere every file but .git. Folders and vanished files are skipped.
 */
export async function listProjectFiles(root: string): Promise<FileEntry[]> {
  let entries: FileEntry[];
  if (repoLayout(root)) {
    const { stdout } = await gitRun(root, ["ls-files", "-co", "--exclude-standard", "-z"]);
    const names = [...new Set(stdout.split("\0").filter(Boolean))];
    entries = [];
    for (const name of names) {
      const rel = safeRelative(name);
      if (!rel || !(await parentsAreFolders(root, rel))) continue;
      const found = await describe(root, rel);
      if (found) entries.push(found);
    }
  } else {
    entries = await walk(root);
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file's bytes (a link's target), read without following a link anywhere on the way. */
export async function readEntry(root: string, entry: FileEntry): Promise<Buffer | null> {
  const full = path.join(root, entry.path);
  if (!(await parentsAreFolders(root, entry.path))) return null;
  if (isLink(entry.mode)) return Buffer.from(await fs.readlink(full), "utf8");
  const handle = await fs.open(full, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) return null;
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Makes `rel`'s folders real folders inside `root`: whatever else stands in the way (a link, a file) is removed. */
async function ensureFolders(root: string, rel: string) {
  let dir = root;
  for (const part of rel.split("/").slice(0, -1)) {
    dir = path.join(dir, part);
    const st = await fs.lstat(dir).catch(() => null);
    if (st?.isDirectory()) continue;
    if (st) await fs.rm(dir, { force: true });
    await fs.mkdir(dir);
  }
}

/** Removes what stands at `rel` (a file, link, or a folder in the way), never following a link. */
export async function removeEntry(root: string, rel: string) {
  if (!safeRelative(rel) || !(await parentsAreFolders(root, rel))) return;
  const full = path.join(root, rel);
  const st = await fs.lstat(full).catch(() => null);
  if (!st) return;
  await fs.rm(full, { recursive: st.isDirectory(), force: true });
}

/**
 * Writes one entry back: the old one is removed first and the new file created with
 * O_EXCL|O_NOFOLLOW, so nothing is ever written through a link, even one made meanwhile.
 */
export async function writeEntry(root: string, entry: { path: string; mode: number }, data: Buffer) {
  const rel = safeRelative(entry.path);
  if (!rel) return;
  await ensureFolders(root, rel);
  await removeEntry(root, rel);
  const full = path.join(root, rel);
  if (isLink(entry.mode)) return fs.symlink(data.toString("utf8"), full);
  const handle = await fs.open(full, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, entry.mode & 0o777);
  try {
    await handle.writeFile(data);
    // On the open file, not the path: the umask narrowed the mode at open.
    await handle.chmod(entry.mode & 0o777);
  } finally {
    await handle.close();
  }
}
