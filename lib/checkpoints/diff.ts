import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { checkpoints, projects } from "@/db/schema";
import { notFoundError } from "@/lib/errors";
import type { CheckpointDiff } from "@/lib/conversations/schemas";
import { currentManifest } from "./checkpoints";
import { readEntry } from "./files";
import { conversationNotTrashed } from "@/lib/trash/visible";
import { lineDiff } from "./line-diff";
import { getBlobs, readManifest, type ManifestEntry } from "./store";

/** Text bigger than this is counted as changed without a line diff. */
const MAX_TEXT_BYTES = 1024 * 1024;

const isText = (data: Buffer) => data.length <= MAX_TEXT_BYTES && !data.subarray(0, 8000).includes(0);

async function manifestOf(userId: string, id: string) {
  const [row] = await db()
    .select({ manifestHash: checkpoints.manifestHash, root: projects.path })
    .from(checkpoints)
    .innerJoin(projects, eq(projects.id, checkpoints.projectId))
    .where(and(eq(checkpoints.id, id), eq(checkpoints.userId, userId), isNull(projects.deletedAt), conversationNotTrashed(checkpoints.conversationId)))
    .limit(1);
  if (!row) throw notFoundError("checkpoint");
  return { root: row.root, entries: row.manifestHash ? await readManifest(row.manifestHash) : [] };
}

/**
 * What changed from checkpoint `id` to `against` (another of the user's checkpoints, or
 * `current`: the project's files now): each file with +/− line counts, and the patch.
 */
export async function diffCheckpoint(userId: string, id: string, against: string): Promise<CheckpointDiff> {
  const from = await manifestOf(userId, id);
  const to = against === "current" ? await currentManifest(from.root) : (await manifestOf(userId, against)).entries;
  const before = new Map(from.entries.map((e) => [e[0], e]));
  const after = new Map(to.map((e) => [e[0], e]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changed = paths.filter((p) => before.get(p)?.[2] !== after.get(p)?.[2] || before.get(p)?.[1] !== after.get(p)?.[1]);

  // `current` hashes were computed from the files; their bytes are read from the store when a
  // checkpoint has them, else from disk through the same no-follow reader.
  const hashes = changed.flatMap((p) => [before.get(p)?.[2], after.get(p)?.[2]]).filter((h): h is string => !!h);
  const stored = await getBlobs(hashes);

  const bytesOf = async (e: ManifestEntry | undefined, fromDisk: boolean) => {
    if (!e) return Buffer.alloc(0);
    return stored.get(e[2]) ?? (fromDisk ? ((await readEntry(from.root, { path: e[0], mode: e[1] })) ?? Buffer.alloc(0)) : Buffer.alloc(0));
  };

  const files: CheckpointDiff["files"] = [];
  let patch = "";
  for (const path of changed) {
    const a = before.get(path);
    const b = after.get(path);
    const status = !a ? "added" : !b ? "deleted" : "modified";
    const [da, dbytes] = [await bytesOf(a, false), await bytesOf(b, against === "current")];
    const header = `diff --git a/${path} b/${path}\n${status === "added" ? "--- /dev/null" : `--- a/${path}`}\n${status === "deleted" ? "+++ /dev/null" : `+++ b/${path}`}\n`;
    if (!isText(da) || !isText(dbytes)) {
      files.push({ path, status, additions: 0, deletions: 0, binary: true });
      patch += `diff --git a/${path} b/${path}\nBinary files differ\n`;
      continue;
    }
    const d = lineDiff(da.toString("utf8"), dbytes.toString("utf8"));
    files.push({ path, status, additions: d.additions, deletions: d.deletions, binary: false });
    patch += header + d.hunks;
  }
  return { files, patch };
}
