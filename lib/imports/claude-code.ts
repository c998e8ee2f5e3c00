import "server-only";
import fs from "node:fs/promises";
import yauzl from "yauzl";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { claudeSessionRows, MAX_SESSION_FILE_BYTES, parseClaudeSession, sessionImportAgent } from "@/lib/conversations/import";
import { ProjectsByFolder } from "./projects";
import { reason, refuse } from "./report";
import type { ImportWriter } from "./writer";

/*
 * Claude Code session files (~/.claude/projects/<folder>/<session>.jsonl): one file, or a zip of
 * that folder. Each session becomes a conversation exactly as the single-session import makes
 * it (lib/conversations/import.ts), with the user's claude-code agent, in the project for the
 * folder it was recorded in (its `cwd`). A lone file that is not a session refuses the import;
 * inside a zip, a file that is not one is skipped with the reason.
 */

/** At most this many entries in one zip (a zip of a whole ~/.claude/projects has a few thousand). */
export const MAX_ZIP_ENTRIES = 20_000;

const isZip = (head: Buffer) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);

type Session = { name: string; text: string };

export async function importClaudeCode(file: string, writer: ImportWriter, limits: { unpackedBytes: number }): Promise<void> {
  const handle = await fs.open(file, "r");
  const head = Buffer.alloc(4);
  await handle.read(head, 0, 4, 0).finally(() => handle.close());
  let agentId: string;
  try {
    agentId = (await sessionImportAgent(writer.userId)).id;
  } catch (error) {
    if (error instanceof AppError) refuse("noClaudeAgent");
    throw error;
  }
  const folders = new ProjectsByFolder(writer);
  const known = await writer.known("conversations");

  const add = async (session: Session, alone: boolean) => {
    let parsed;
    try {
      parsed = parseClaudeSession(session.text);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (alone) refuse("notSession", { detail: error.message });
      writer.report.skipped("conversations", reason("notSession", { detail: error.message }), session.name);
      return;
    }
    const key = `session:${parsed.sessionId}`;
    if (known.has(key)) {
      writer.report.skipped("conversations", reason("alreadyImported"), parsed.title);
      return;
    }
    const projectId = await folders.forFolder(parsed.cwd ?? "");
    if (!projectId) {
      writer.report.skipped("conversations", reason("projectSkipped", { folder: parsed.cwd ?? "" }), parsed.title);
      return;
    }
    const rows = claudeSessionRows(writer.userId, { projectId, agentId }, parsed);
    const first = parsed.messages[0]?.createdAt;
    if (first) rows.conversation.createdAt = first;
    writer.conversations.push(rows.conversation);
    writer.messages.push(...rows.messages);
    await writer.record("conversations", key, rows.conversation.id!);
    writer.report.imported("conversations");
  };

  if (!isZip(head)) {
    const stat = await fs.stat(file);
    if (stat.size > MAX_SESSION_FILE_BYTES) refuse("sessionTooBig", { max: formatBytes(MAX_SESSION_FILE_BYTES) });
    const bytes = await fs.readFile(file);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    if (!text.trim()) refuse("empty");
    await add({ name: "session.jsonl", text }, true);
    return;
  }

  let found = 0;
  for await (const entry of zipSessions(file, limits.unpackedBytes, writer)) {
    found++;
    await add(entry, false);
  }
  if (found === 0) refuse("noSessionsInZip");
}

async function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, z) => (error ? reject(error) : resolve(z!))),
  ).catch((error: Error) => refuse("zipUnreadable", { detail: error.message.slice(0, 200) }));
}

/** The zip's entries from its central directory, one at a time (yauzl refuses unsafe names here). */
async function* entriesOf(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const cleanup = () => {
        zip.off("entry", onEntry);
        zip.off("end", onEnd);
        zip.off("error", onError);
      };
      const onEntry = (e: yauzl.Entry) => (cleanup(), resolve(e));
      const onEnd = () => (cleanup(), resolve(null));
      const onError = (e: Error) => (cleanup(), reject(e));
      zip.on("entry", onEntry);
      zip.on("end", onEnd);
      zip.on("error", onError);
      zip.readEntry();
    }).catch((error: Error) => refuse("zipUnreadable", { detail: error.message.slice(0, 200) }));
    if (!entry) return;
    yield entry;
  }
}

const isSessionName = (name: string) => name.endsWith(".jsonl") && !name.split("/").some((part) => part === ".." || part.startsWith("__MACOSX"));

/**
 * The .jsonl files of a zip, one at a time. Safe against hostile zips: yauzl refuses absolute
 * and `..` names and checks every entry's real size against the one declared; a first pass over
 * the central directory refuses the zip when the sessions' declared sizes together pass the
 * plan's unpacked limit (a zip bomb is refused before anything is unpacked); an entry declared
 * bigger than a session may be is skipped unread; at most MAX_ZIP_ENTRIES entries. Nothing is
 * written to disk: entries are read into memory.
 */
async function* zipSessions(file: string, unpackedLimit: number, writer: ImportWriter): AsyncGenerator<Session> {
  const survey = await openZip(file);
  try {
    if (survey.entryCount > MAX_ZIP_ENTRIES) refuse("zipTooManyEntries", { max: MAX_ZIP_ENTRIES });
    let declared = 0;
    for await (const entry of entriesOf(survey)) {
      if (isSessionName(entry.fileName) && entry.uncompressedSize <= MAX_SESSION_FILE_BYTES) declared += entry.uncompressedSize;
      if (declared > unpackedLimit) refuse("zipTooBig", { max: formatBytes(unpackedLimit) });
    }
  } finally {
    survey.close();
  }

  const zip = await openZip(file);
  try {
    for await (const entry of entriesOf(zip)) {
      const name = entry.fileName;
      if (name.endsWith("/")) continue;
      if (!isSessionName(name)) {
        writer.report.skipped("conversations", reason("notJsonl"), name);
        continue;
      }
      if (entry.uncompressedSize > MAX_SESSION_FILE_BYTES) {
        writer.report.skipped("conversations", reason("sessionTooBig", { max: formatBytes(MAX_SESSION_FILE_BYTES) }), name);
        continue;
      }
      const bytes = await new Promise<Buffer>((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => resolve(Buffer.concat(chunks)));
        }),
      ).catch((error: Error) => refuse("zipUnreadable", { detail: error.message.slice(0, 200) }));
      yield { name, text: new TextDecoder().decode(bytes) };
    }
  } finally {
    zip.close();
  }
}
