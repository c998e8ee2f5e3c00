import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { constants, realpathSync } from "node:fs";
import path from "node:path";
import { repoLayout } from "@/lib/git/layout";
import { IgnoreRules } from "./ignore-rules";

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

export type FileEntry = { path: string; mode: number; size: number; /** What changes when the file does (size, times, inode). */ signature: string };

const isLink = (mode: number) => mode === LINK_MODE;

/** `rel` inside `root` (no "..", not absolute, no .git), or null. */
export function safeRelative(rel: string): string | null {
  const norm = path.posix.normalize(rel);
  if (!rel || norm.startsWith("../") || norm === ".." || path.posix.isAbsolute(norm) || norm.includes("\0")) return null;
  if (norm.split("/").some((part) => part === ".git")) return null;
  return norm;
}

/**
 * Whether every folder between `root` and a file is a real folder (no symlink on the way).
 * One per listing, caching each folder's answer: 2,000 files in 50 folders cost 50 lstats.
 */
export class FolderCheck {
  private known = new Map<string, Promise<boolean>>();
  constructor(private readonly root: string) {}

  private folder(rel: string): Promise<boolean> {
    if (!rel) return Promise.resolve(true);
    let answer = this.known.get(rel);
    if (!answer) {
      answer = (async () => {
        if (!(await this.folder(path.posix.dirname(rel) === "." ? "" : path.posix.dirname(rel)))) return false;
        const st = await fs.lstat(path.join(this.root, rel)).catch(() => null);
        return !!st?.isDirectory();
      })();
      this.known.set(rel, answer);
    }
    return answer;
  }

  parentsOk(rel: string): Promise<boolean> {
    const dir = path.posix.dirname(rel);
    return this.folder(dir === "." ? "" : dir);
  }

  private made = new Map<string, Promise<void>>();

  /** Makes every folder on the way to `rel` a real folder, once per folder for this check (a restore of 2,000 files in 50 folders makes 50). */
  ensureParents(rel: string): Promise<void> {
    const dir = path.posix.dirname(rel) === "." ? "" : path.posix.dirname(rel);
    let done = this.made.get(dir);
    if (!done) {
      done = (async () => {
        if (await this.parentsOk(rel)) return;
        await ensureFolders(this.root, rel);
        for (let d = dir; d && d !== "."; d = path.posix.dirname(d)) this.known.set(d, Promise.resolve(true));
      })();
      this.made.set(dir, done);
    }
    return done;
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** How many files are read or written at once. */
export const IO_PARALLEL = 16;

async function describe(root: string, rel: string): Promise<FileEntry | null> {
  const st = await fs.lstat(path.join(root, rel), { bigint: true }).catch(() => null);
  if (!st) return null;
  const signature = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
  if (st.isSymbolicLink()) return { path: rel, mode: LINK_MODE, size: Number(st.size), signature };
  if (!st.isFile()) return null;
  return { path: rel, mode: st.mode & BigInt(0o111) ? EXEC_MODE : FILE_MODE, size: Number(st.size), signature };
}

/** Where a walk is in its git repository, for the ignore rules: null outside one. */
/** The real path (repoLayout's `top` is one), or the path as given when it cannot be resolved. */
function fsRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

type RepoScope = { top: string; /** The project's folder relative to the top ("" when it is the top). */ prefix: string };

/** Walks the folder without following links, leaving .git out, and in a repository what git ignores. */
async function walk(root: string, rel: string, repo: RepoScope | null, parentRules: IgnoreRules | null, out: FileEntry[]): Promise<void> {
  const fromTop = (child: string) => [repo?.prefix, child].filter(Boolean).join("/");
  const rules = repo && parentRules ? await parentRules.enter(repo.top, fromTop(rel)) : null;
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (rules?.ignores(fromTop(child), entry.isDirectory())) continue;
    if (entry.isDirectory()) await walk(root, child, repo, rules, out);
    else files.push(child);
  }
  for (const found of await mapLimit(files, IO_PARALLEL, (child) => describe(root, child))) if (found) out.push(found);
}

/**
 * The project's files, sorted by path: every file but .git and, in a git repository, those
 * git ignores (what `git ls-files -co --exclude-standard` names, read by the server itself:
 * see ignore-rules.ts). Folders and vanished files are skipped; links are never followed.
 */
export async function listProjectFiles(root: string): Promise<FileEntry[]> {
  const layout = repoLayout(root);
  const entries: FileEntry[] = [];
  if (layout) {
    const top = layout.top;
    const prefix = path.relative(top, fsRealpath(root)).split(path.sep).filter(Boolean).join("/");
    await walk(root, "", { top, prefix }, await IgnoreRules.forRoot(top, fsRealpath(root), layout.commonDir), entries);
  } else {
    await walk(root, "", null, null, entries);
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file's bytes (a link's target), read without following a link anywhere on the way. */
export async function readEntry(root: string, entry: Pick<FileEntry, "path" | "mode">, folders = new FolderCheck(root)): Promise<Buffer | null> {
  const full = path.join(root, entry.path);
  if (!(await folders.parentsOk(entry.path))) return null;
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
    // Another write of this restore may make the same folder at the same moment.
    await fs.mkdir(dir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST" || !(await fs.lstat(dir)).isDirectory()) throw error;
    });
  }
}

/** Removes what stands at `rel` (a file, link, or a folder in the way), never following a link. */
export async function removeEntry(root: string, rel: string) {
  if (!safeRelative(rel) || !(await new FolderCheck(root).parentsOk(rel))) return;
  const full = path.join(root, rel);
  const st = await fs.lstat(full).catch(() => null);
  if (!st) return;
  await fs.rm(full, { recursive: st.isDirectory(), force: true });
}

async function create(full: string, entry: { mode: number }, data: Buffer) {
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

/**
 * Writes one entry back, creating the file with O_CREAT|O_EXCL|O_NOFOLLOW only once every
 * folder on the way is a real folder: whatever stands at the path (a file, a link, a folder)
 * is removed first, so nothing is ever written through a link, even one made meanwhile.
 * `folders` (one per restore) lets the common case, folders in place and nothing at the
 * path, cost one open.
 */
export async function writeEntry(root: string, entry: { path: string; mode: number }, data: Buffer, folders?: FolderCheck) {
  const rel = safeRelative(entry.path);
  if (!rel) return;
  const full = path.join(root, rel);
  if (folders) await folders.ensureParents(rel);
  else await ensureFolders(root, rel);
  try {
    await create(full, entry, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ELOOP" && code !== "ENOENT") throw error;
    // Something stands at the path, or a folder went missing: make the way, clear the spot, create.
    await ensureFolders(root, rel);
    await removeEntry(root, rel);
    await create(full, entry, data);
  }
}
