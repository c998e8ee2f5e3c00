import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import * as tar from "tar";
import { db } from "@/db/client";
import { config } from "@/lib/config";

/**
 * One archive (tar.gz) holding everything a Switchboard server keeps: a consistent copy of
 * the database, made with SQLite's `VACUUM INTO` (a snapshot read inside one transaction,
 * so it is whole even while agents write; never a copy of the live file and its WAL), and
 * every file under DATA_DIR (workspaces, worktrees, uploads, homes, the generated secret).
 *
 *   switchboard-backup.json   what the archive holds (BackupManifest)
 *   database.db               the database, when it is a local file
 *   data/...                  DATA_DIR's files
 *
 * Left out: the live database and its -wal/-shm/-journal files (the copy stands for them),
 * DATA_DIR/backups (the scheduled backups themselves) and the sandbox's per-run folders,
 * which exist only while a run or an MCP check runs.
 */

export const MANIFEST_NAME = "switchboard-backup.json";
export const DATABASE_NAME = "database.db";
export const DATA_PREFIX = "data";

export type BackupManifest = {
  format: "switchboard-backup";
  version: 1;
  createdAt: string;
  /** "included": database.db holds it; "remote": DATABASE_URL named sqld or Turso, back that up with its own tools. */
  database: "included" | "remote";
  /** For a remote database, its host (never the token), so the reader knows which one to restore beside it. */
  remoteDatabaseHost?: string;
};

/** The database's file when DATABASE_URL is a local `file:` path, else null (sqld, Turso). */
export function localDatabaseFile(url = config().databaseUrl): string | null {
  if (!url.startsWith("file:")) return null;
  const file = url.slice("file:".length);
  return file && file !== ":memory:" ? path.resolve(file) : null;
}

/** Whether a backup holds the database (a local file), or only DATA_DIR's files (sqld, Turso). */
export const backupIncludesDatabase = () => localDatabaseFile() !== null;

/** Folders under DATA_DIR (relative, with "/") that are never archived. */
const SKIPPED_DIRS = ["backups", "sandbox/runs", "sandbox/checks"];

/** Whether `relative` (a path under DATA_DIR, "/"-separated) is archived. */
export function isArchived(relative: string, liveDatabase: string | null): boolean {
  const clean = relative.replace(/^\.\//, "").replace(/\/+$/, "");
  if (SKIPPED_DIRS.some((dir) => clean === dir || clean.startsWith(`${dir}/`))) return false;
  if (liveDatabase && [liveDatabase, `${liveDatabase}-wal`, `${liveDatabase}-shm`, `${liveDatabase}-journal`].includes(clean)) return false;
  return true;
}

/** The backups folder, where scheduled backups are kept (and never archived themselves). */
export function backupsDir(): string {
  return path.join(config().dataDir, "backups");
}

/** Files in flux (an agent rewriting one while it is read) can fail one pass; a new pass reads them again. */
const ATTEMPTS = 3;

/**
 * Writes a backup archive to `file` (made whole under a temporary name, then renamed, so a
 * reader never sees half an archive). Safe while the app runs.
 */
export async function writeBackup(file: string): Promise<BackupManifest> {
  const target = path.resolve(file);
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await writeOnce(target);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function writeOnce(target: string): Promise<BackupManifest> {
  const dataDir = config().dataDir;
  const liveFile = localDatabaseFile();
  // The snapshot and manifest are made under DATA_DIR/backups (same disk, never archived itself), then renamed in the archive.
  const work = path.join(backupsDir(), `.work-${crypto.randomBytes(6).toString("hex")}`);
  await fs.mkdir(work, { recursive: true, mode: 0o700 });
  const partial = `${target}.partial-${crypto.randomBytes(4).toString("hex")}`;
  try {
    const manifest: BackupManifest = { format: "switchboard-backup", version: 1, createdAt: new Date().toISOString(), database: liveFile ? "included" : "remote" };
    if (liveFile) {
      await db().run(sql`VACUUM INTO ${path.join(work, DATABASE_NAME)}`);
    } else {
      manifest.remoteDatabaseHost = hostOf(config().databaseUrl);
    }
    await fs.writeFile(path.join(work, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });

    const liveRelative = liveFile && isInside(dataDir, liveFile) ? path.relative(dataDir, liveFile).split(path.sep).join("/") : null;
    const workRelative = path.relative(dataDir, work).split(path.sep).join("/");
    const top = (await fs.readdir(dataDir).catch(() => [] as string[])).filter((name) => isArchived(name, liveRelative));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await tar.c(
      {
        gzip: true,
        file: partial,
        cwd: dataDir,
        portable: false,
        filter: (p) => p.startsWith(`${workRelative}/`) || p === workRelative || isArchived(p, liveRelative),
        // Entries keep their place in the archive's layout: the snapshot at the top, DATA_DIR under data/.
        onWriteEntry(entry) {
          const p = entry.path.replace(/^\.\//, "");
          if (p === workRelative || p.startsWith(`${workRelative}/`)) entry.path = p.slice(workRelative.length + 1);
          else entry.path = `${DATA_PREFIX}/${p}`;
        },
      },
      [`${workRelative}/${MANIFEST_NAME}`, ...(liveFile ? [`${workRelative}/${DATABASE_NAME}`] : []), ...top],
    );
    await fs.chmod(partial, 0o600);
    await fs.rename(partial, target);
    return manifest;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
    await fs.rm(partial, { force: true });
  }
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return !!relative && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "unknown";
  }
}
