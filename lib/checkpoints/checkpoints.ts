import "server-only";
import { assertProjectAttached } from "@/lib/projects/detached";
import { and, asc, desc, eq, inArray, isNull, lte, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, checkpoints, conversations, messages, projects, users } from "@/db/schema";
import { checkpointBytesFor } from "@/lib/billing/plans";
import { AppError, notFoundError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { newId, nowIso } from "@/lib/domain/ids";
import { getUserSetting } from "@/lib/users/preferences";
import type { CheckpointView } from "@/lib/conversations/schemas";
import { FolderCheck, IO_PARALLEL, listProjectFiles, mapLimit, readEntry, removeEntry, sha256, writeEntry, type FileEntry } from "./files";
import { conversationNotTrashed, projectNotTrashed } from "@/lib/trash/visible";
import { cachedHash, rememberHash } from "./hash-cache";
import { existing, getBlobs, manifestBlob, putBlobs, readManifest, type ManifestEntry } from "./store";

/**
 * Checkpoints: snapshots of a conversation's project files (lib/checkpoints/files.ts reads
 * and writes them, never through a symlink; store.ts keeps them content-addressed and
 * compressed). They form a tree: each one's parent is the conversation's head (the last
 * checkpoint taken or restored), so a restore or a fork branches it.
 */

export const AUTO_CHECKPOINT_KEY = "autoCheckpoint";
/** Files are read and stored this many at a time, so a big project is never all in memory. */
const BATCH = 200;

export const checkpointColumns = {
  id: checkpoints.id,
  conversationId: checkpoints.conversationId,
  parentId: checkpoints.parentId,
  messageId: checkpoints.messageId,
  label: checkpoints.message,
  fileCount: checkpoints.fileCount,
  totalBytes: checkpoints.totalBytes,
  createdAt: checkpoints.createdAt,
};

/** The conversation with what checkpoints need (its project's folder stays on the server). */
async function conversationContext(userId: string, conversationId: string) {
  const [row] = await db()
    .select({
      id: conversations.id,
      status: conversations.status,
      head: conversations.headCheckpointId,
      projectId: conversations.projectId,
      root: projects.path,
      plan: users.plan,
    })
    .from(conversations)
    .innerJoin(projects, eq(projects.id, conversations.projectId))
    .innerJoin(users, eq(users.id, conversations.userId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId), isNull(conversations.deletedAt), isNull(projects.deletedAt)))
    .limit(1);
  if (!row) throw notFoundError("conversation");
  // An imported project without a folder here has no files to snapshot or restore.
  await assertProjectAttached(row.projectId!);
  return row;
}

/**
 * The project's files with their content hashes: a file whose signature this process
 * hashed before is not read again; the others are read (never through a link) and, with
 * `keep`, their bytes kept for storing.
 */
async function hashFiles(root: string, files: FileEntry[], keep: boolean) {
  const folders = new FolderCheck(root);
  const data = new Map<string, Buffer>();
  const hashed = await mapLimit(files, IO_PARALLEL, async (file): Promise<ManifestEntry | null> => {
    const known = cachedHash(root, file.path, file.signature);
    if (known) return [file.path, file.mode, known, file.size];
    const bytes = await readEntry(root, file, folders);
    if (!bytes) return null; // vanished, or a link appeared on its way: not read
    const hash = sha256(bytes);
    rememberHash(root, file.path, file.signature, hash);
    if (keep) data.set(hash, bytes);
    return [file.path, file.mode, hash, bytes.length];
  });
  return { entries: hashed.filter((e): e is ManifestEntry => e !== null), data, folders };
}

/** Reads, hashes and stores the project's files; returns the file list. Refused past the plan's size. */
async function snapshot(root: string, capBytes: number): Promise<{ entries: ManifestEntry[]; totalBytes: number }> {
  const files = await listProjectFiles(root);
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  if (totalBytes > capBytes) {
    throw new AppError("forbidden", `The project's files (${formatBytes(totalBytes)}) are more than a checkpoint may hold on your plan (${formatBytes(capBytes)}); add what need not be kept to .gitignore.`);
  }
  const { entries, data, folders } = await hashFiles(root, files, true);
  // A hash known from before whose blob is not stored (this process hashed it for a diff): read it now.
  const stored = await existing(entries.map((e) => e[2]));
  const missing = entries.filter((e) => !stored.has(e[2]) && !data.has(e[2]));
  await mapLimit(missing, IO_PARALLEL, async (e) => {
    const bytes = await readEntry(root, { path: e[0], mode: e[1] }, folders);
    if (bytes && sha256(bytes) === e[2]) data.set(e[2], bytes);
  });
  for (let i = 0; i < entries.length; i += BATCH) {
    const part = new Map<string, Buffer>();
    for (const e of entries.slice(i, i + BATCH)) {
      const bytes = data.get(e[2]);
      if (bytes && !stored.has(e[2])) part.set(e[2], bytes);
    }
    if (part.size) await putBlobs(part);
  }
  return { entries, totalBytes: entries.reduce((sum, e) => sum + e[3], 0) };
}

/** Take a checkpoint of the conversation's project now. */
export async function takeCheckpoint(userId: string, conversationId: string, options: { label?: string; runId?: string | null } = {}): Promise<CheckpointView> {
  const conv = await conversationContext(userId, conversationId);
  const { entries, totalBytes } = await snapshot(conv.root, checkpointBytesFor(conv.plan));
  const manifest = manifestBlob(entries);
  await putBlobs(new Map([[manifest.hash, manifest.data]]));
  const [last] = await db()
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), ne(messages.status, "queued")))
    .orderBy(desc(messages.position))
    .limit(1);
  const id = newId();
  await db().batch([
    db().insert(checkpoints).values({
      id,
      userId,
      projectId: conv.projectId!,
      conversationId,
      runId: options.runId ?? null,
      parentId: conv.head,
      messageId: last?.id ?? null,
      message: options.label ?? "",
      manifestHash: manifest.hash,
      fileCount: entries.length,
      totalBytes,
    }),
    db().update(conversations).set({ headCheckpointId: id }).where(eq(conversations.id, conversationId)),
  ]);
  return getCheckpoint(userId, id);
}

/**
 * After a turn, while the user's autoCheckpoint setting is on (the default). A checkpoint
 * that cannot be taken (over the plan's size) does not fail the turn: the conversation says why.
 */
export async function checkpointAfterTurn(userId: string, conversationId: string, runId: string) {
  if ((await getUserSetting(userId, AUTO_CHECKPOINT_KEY)) === "false") return;
  const [prompt] = await db().select({ content: messages.content }).from(messages).where(and(eq(messages.runId, runId), eq(messages.role, "user"))).limit(1);
  const label = `After “${(prompt?.content ?? "").split("\n")[0]!.slice(0, 60)}”`;
  try {
    await takeCheckpoint(userId, conversationId, { label, runId });
  } catch (error) {
    const id = newId();
    const reason = error instanceof Error ? error.message : String(error);
    await db().insert(messages).values({ id, conversationId, role: "system", content: `No checkpoint was taken: ${reason}`, runId, position: id });
  }
}

export async function getCheckpoint(userId: string, id: string): Promise<CheckpointView> {
  const [row] = await db()
    .select(checkpointColumns)
    .from(checkpoints)
    .where(and(eq(checkpoints.id, id), eq(checkpoints.userId, userId), projectNotTrashed(checkpoints.projectId), conversationNotTrashed(checkpoints.conversationId)))
    .limit(1);
  if (!row) throw notFoundError("checkpoint");
  return row;
}

/** A conversation's checkpoints, oldest first (the page draws the tree from parentId). */
export async function listCheckpoints(userId: string, conversationId: string): Promise<CheckpointView[]> {
  await conversationContext(userId, conversationId);
  return db().select(checkpointColumns).from(checkpoints).where(and(eq(checkpoints.conversationId, conversationId), eq(checkpoints.userId, userId))).orderBy(asc(checkpoints.id)).limit(1000);
}

/** One of the user's checkpoints with its files and its conversation's project. */
async function checkpointContext(userId: string, id: string) {
  const [row] = await db()
    .select({ ...checkpointColumns, manifestHash: checkpoints.manifestHash, projectId: checkpoints.projectId, root: projects.path })
    .from(checkpoints)
    .innerJoin(projects, eq(projects.id, checkpoints.projectId))
    .where(and(eq(checkpoints.id, id), eq(checkpoints.userId, userId), isNull(projects.deletedAt), conversationNotTrashed(checkpoints.conversationId)))
    .limit(1);
  if (!row) throw notFoundError("checkpoint");
  return row;
}

/** The project's files now, with their hashes, in the manifest's shape. */
export async function currentManifest(root: string): Promise<ManifestEntry[]> {
  return (await hashFiles(root, await listProjectFiles(root), false)).entries;
}

/** A turn writes the project's files: nothing may rewrite them under it. */
async function assertNoTurnRunning(userId: string, projectId: string) {
  const [busy] = await db()
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.userId, userId), eq(conversations.projectId, projectId), ne(conversations.status, "idle")))
    .limit(1);
  if (busy) throw new AppError("conflict", "A turn is running on this project; wait for it to finish (or stop it) before restoring.");
}

/** Puts the files of `manifest` back in `root`: changed ones rewritten, new ones removed, deleted ones back. */
async function writeManifest(root: string, manifest: ManifestEntry[]) {
  const wanted = new Map(manifest.map((e) => [e[0], e]));
  const now = new Map((await currentManifest(root)).map((e) => [e[0], e]));
  const gone = [...now.keys()].filter((p) => !wanted.has(p));
  for (const rel of gone) await removeEntry(root, rel);
  const toWrite = manifest.filter((e) => {
    const current = now.get(e[0]);
    return !current || current[1] !== e[1] || current[2] !== e[2];
  });
  const folders = new FolderCheck(root);
  for (let i = 0; i < toWrite.length; i += BATCH) {
    const part = toWrite.slice(i, i + BATCH);
    const blobs = await getBlobs(part.map((e) => e[2]));
    await mapLimit(part, IO_PARALLEL, async ([rel, mode, hash]) => {
      const data = blobs.get(hash);
      if (data) await writeEntry(root, { path: rel, mode }, data, folders);
    });
  }
  return { written: toWrite.length, removed: gone.length };
}

/** Restore: the project's files exactly as at the checkpoint; refused while a turn runs. */
export async function restoreCheckpoint(userId: string, id: string) {
  const cp = await checkpointContext(userId, id);
  await assertNoTurnRunning(userId, cp.projectId);
  const result = await writeManifest(cp.root, cp.manifestHash ? await readManifest(cp.manifestHash) : []);
  if (cp.conversationId) await db().update(conversations).set({ headCheckpointId: id, updatedAt: nowIso() }).where(eq(conversations.id, cp.conversationId));
  return { checkpoint: await getCheckpoint(userId, id), ...result };
}

/**
 * Fork: a new conversation holding the messages up to the checkpoint, the project's files
 * as they were there, and the session as it was after that turn; its first turn resumes
 * that session with --fork-session, so the original conversation is left as it was.
 */
export async function forkCheckpoint(userId: string, id: string, title?: string) {
  const cp = await checkpointContext(userId, id);
  if (!cp.conversationId) throw new AppError("conflict", "This checkpoint belongs to no conversation.");
  const [source] = await db()
    .select({ title: conversations.title, agentId: conversations.agentId, sessionId: conversations.sessionId })
    .from(conversations)
    .where(and(eq(conversations.id, cp.conversationId), eq(conversations.userId, userId)))
    .limit(1);
  if (!source) throw notFoundError("conversation");
  await assertNoTurnRunning(userId, cp.projectId);
  const [upTo] = cp.messageId ? await db().select({ position: messages.position }).from(messages).where(eq(messages.id, cp.messageId)).limit(1) : [];
  const history = upTo
    ? await db()
        .select({ role: messages.role, content: messages.content, runId: messages.runId, toolName: messages.toolName, toolInput: messages.toolInput, createdAt: messages.createdAt })
        .from(messages)
        .where(and(eq(messages.conversationId, cp.conversationId), lte(messages.position, upTo.position), eq(messages.status, "sent")))
        .orderBy(asc(messages.position))
    : [];
  // The session as it was when the checkpoint was taken: the one its last turn ended in.
  const runIds = [...new Set(history.map((m) => m.runId).filter((r): r is string => !!r))];
  const sessions = runIds.length
    ? await db().select({ id: agentRuns.id, sessionId: agentRuns.sessionId }).from(agentRuns).where(inArray(agentRuns.id, runIds)).orderBy(desc(agentRuns.id))
    : [];
  const sessionId = sessions.find((s) => s.sessionId)?.sessionId ?? (history.length ? source.sessionId : null);

  await writeManifest(cp.root, cp.manifestHash ? await readManifest(cp.manifestHash) : []);
  const newConversationId = newId();
  const rows = history.map((m) => {
    const mid = newId();
    return { ...m, id: mid, conversationId: newConversationId, status: "sent" as const, position: mid };
  });
  const insertConversation = db()
      .insert(conversations)
      .values({
        id: newConversationId,
        userId,
        agentId: source.agentId,
        projectId: cp.projectId,
        title: title ?? `${source.title || "Conversation"} (fork)`,
        sessionId,
        forkSession: !!sessionId,
        headCheckpointId: id,
      });
  if (rows.length) await db().batch([insertConversation, db().insert(messages).values(rows)]);
  else await insertConversation;
  return newConversationId;
}



/** The checkpoint the conversation's files were last taken at or restored to. */
export async function headCheckpointId(userId: string, conversationId: string): Promise<string | null> {
  return (await conversationContext(userId, conversationId)).head;
}
