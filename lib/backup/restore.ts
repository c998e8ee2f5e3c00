import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import * as tar from "tar";
import { config } from "@/lib/config";
import { DATA_PREFIX, DATABASE_NAME, localDatabaseFile, MANIFEST_NAME, type BackupManifest } from "./backup";

/** A restore that cannot go ahead, with the reason a person reads. */
export class RestoreRefused extends Error {}

/** Entry types a backup holds; anything else (devices, fifos, hard links) is not one of ours. */
const ALLOWED_TYPES = new Set(["File", "OldFile", "ContiguousFile", "Directory", "SymbolicLink"]);

/**
 * Reads the archive's table of contents and refuses it whole, before anything is written,
 * when one entry could land outside the folder it is restored into: an absolute path, a
 * `..` segment, a path that goes through a symbolic link the archive itself makes, or a
 * type a backup never holds (hard links, devices). Returns its manifest.
 */
export async function inspectArchive(file: string): Promise<BackupManifest> {
  const entries: Array<{ path: string; type: string }> = [];
  let manifestText: string | null = null;
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        entries.push({ path: entry.path, type: entry.type });
        if (normalise(entry.path) === MANIFEST_NAME && entry.type === "File" && entry.size < 64 * 1024) {
          const chunks: Buffer[] = [];
          entry.on("data", (c: Buffer) => chunks.push(c));
          entry.on("end", () => (manifestText = Buffer.concat(chunks).toString("utf8")));
        } else {
          entry.resume();
        }
      },
    });
  } catch (error) {
    throw new RestoreRefused(`This is not a readable Switchboard backup (${error instanceof Error ? error.message : String(error)}).`);
  }
  // Every link first, so an entry listed before the link it would pass through is caught too.
  const links = new Set(entries.filter((e) => e.type === "SymbolicLink").map((e) => normalise(e.path)));
  const problems = entries.map((e) => entryProblem(e.path, e.type, links)).filter((p): p is string => !!p);
  if (problems.length > 0) throw new RestoreRefused(`Refusing this archive, nothing was restored: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}.`);
  const manifest = parseManifest(manifestText);
  if (!manifest) throw new RestoreRefused(`This archive has no ${MANIFEST_NAME}: it is not a Switchboard backup.`);
  return manifest;
}

/** The entry's path as it will be written: "/"-separated, without "./", "//" or a trailing "/". */
const normalise = (p: string) => path.posix.normalize(p.replace(/\\/g, "/")).replace(/^(\.\/)+/, "").replace(/\/+$/, "");

/** Why one entry is unsafe, or null. */
export function entryProblem(rawPath: string, type: string, links: Set<string>): string | null {
  if (rawPath.startsWith("/") || /^[a-zA-Z]:[\\/]/.test(rawPath)) return `${rawPath} is an absolute path`;
  if (rawPath.split(/[\\/]/).includes("..")) return `${rawPath} climbs out with ..`;
  if (!ALLOWED_TYPES.has(type)) return `${rawPath} is a ${type}, which a backup never holds`;
  const p = normalise(rawPath);
  if (!(p === MANIFEST_NAME || p === DATABASE_NAME || p === DATA_PREFIX || p.startsWith(`${DATA_PREFIX}/`))) return `${rawPath} is not part of a backup's layout`;
  const parts = p.split("/");
  for (let i = 1; i < parts.length; i++) {
    const through = parts.slice(0, i).join("/");
    if (links.has(through)) return `${rawPath} would be written through the symbolic link ${through}`;
  }
  return null;
}

function parseManifest(text: string | null): BackupManifest | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<BackupManifest>;
    return value.format === "switchboard-backup" && value.version === 1 ? (value as BackupManifest) : null;
  } catch {
    return null;
  }
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? [] : Promise.reject(error)));
  return names.length === 0;
}

const exists = (file: string) => fs.access(file).then(() => true, () => false);

export type RestoreResult = { manifest: BackupManifest; dataDir: string; database: string | null; note: string | null };

/**
 * Fills an empty DATA_DIR (and the database file DATABASE_URL names) from a backup archive.
 * Refuses, writing nothing, when DATA_DIR holds anything or the database file exists, and
 * when the archive is not safe (inspectArchive). Extraction is strict: any entry node-tar
 * would have to alter or skip fails the restore.
 */
export async function restoreBackup(file: string): Promise<RestoreResult> {
  const archive = path.resolve(file);
  if (!(await exists(archive))) throw new RestoreRefused(`There is no file ${archive}.`);
  const dataDir = config().dataDir;
  if (!(await isEmptyOrMissing(dataDir))) {
    throw new RestoreRefused(`DATA_DIR (${dataDir}) is not empty: restore only fills an empty folder, so nothing is overwritten. Move its contents away, or point DATA_DIR at a new folder, and run restore again.`);
  }
  const databaseFile = localDatabaseFile();
  if (databaseFile && (await exists(databaseFile))) {
    throw new RestoreRefused(`The database ${databaseFile} already exists: restore never overwrites one. Move it away, or point DATABASE_URL at a new file.`);
  }
  const manifest = await inspectArchive(archive);

  // Into a folder beside DATA_DIR first, moved into place only once whole: a failed restore leaves nothing half-written.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const staging = await fs.mkdtemp(`${dataDir}.restoring-`);
  try {
    await fs.chmod(staging, 0o700);
    // Paths were checked above (none absolute, none with .., none through a link) and the folder is new and
    // empty; preservePaths keeps a project's symbolic links exactly as they were (node-tar would rewrite an
    // absolute link target), and strict makes any entry node-tar cannot write as it is fail the restore.
    await tar.x({ file: archive, cwd: staging, strict: true, preservePaths: true });
    const stagedData = path.join(staging, DATA_PREFIX);
    await fs.mkdir(stagedData, { recursive: true, mode: 0o700 }); // an archive of an empty DATA_DIR has none
    const restoreDatabase = manifest.database === "included" && databaseFile;
    const databaseInside = restoreDatabase && !path.relative(dataDir, databaseFile).startsWith("..");
    if (databaseInside) {
      const inside = path.join(stagedData, path.relative(dataDir, databaseFile));
      await fs.mkdir(path.dirname(inside), { recursive: true });
      await fs.rename(path.join(staging, DATABASE_NAME), inside);
      await fs.chmod(inside, 0o600);
    }
    await fs.rmdir(dataDir).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? undefined : Promise.reject(error)));
    await fs.rename(stagedData, dataDir);
    await fs.chmod(dataDir, 0o700).catch(() => undefined);
    if (restoreDatabase && !databaseInside) {
      await fs.mkdir(path.dirname(databaseFile), { recursive: true });
      await fs.copyFile(path.join(staging, DATABASE_NAME), databaseFile, fs.constants.COPYFILE_EXCL);
      await fs.chmod(databaseFile, 0o600);
    }
    let note: string | null = null;
    if (manifest.database === "included" && !databaseFile) {
      note = `DATABASE_URL names a remote database, so the archive's ${DATABASE_NAME} was not restored: load it into sqld or Turso yourself (e.g. \`turso db create <name> --from-file <file>\` after extracting it with tar), or restore with a file: DATABASE_URL.`;
    } else if (manifest.database === "remote") {
      note = `This backup holds no database (it was made with a remote DATABASE_URL${manifest.remoteDatabaseHost ? `, ${manifest.remoteDatabaseHost}` : ""}): restore that database from its own backups.`;
    }
    return { manifest, dataDir, database: restoreDatabase ? databaseFile : null, note };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
