import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { imports, users, type Import, type ImportText } from "@/db/schema";
import { JOB_TYPES, type ImportSource, type Plan } from "@/lib/domain";
import { newId } from "@/lib/domain/ids";
import { importLimitsFor } from "@/lib/billing/plans";
import { config } from "@/lib/config";
import { AppError, notFoundError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";
import { english, LocalizedError, renderText, type LocalizedText } from "@/lib/i18n/localized-error";
import { buildJobInsert } from "@/lib/queue/queue";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import { hasSqliteHeader } from "./sqlite-file";
import type { ImportView } from "./schemas";

/** Where an import's upload is kept until its job has read it (then the folder is deleted). */
export function importDir(id: string): string {
  return path.join(config().dataDir, "imports", id);
}

const columns = {
  id: imports.id,
  source: imports.source,
  fileName: imports.fileName,
  sizeBytes: imports.sizeBytes,
  status: imports.status,
  progressDone: imports.progressDone,
  progressTotal: imports.progressTotal,
  counts: imports.counts,
  problems: imports.problems,
  error: imports.error,
  createdAt: imports.createdAt,
  completedAt: imports.completedAt,
};
export type ImportRow = Pick<Import, keyof typeof columns>;

/**
 * Saves a request body to `file`, never more than `limit` bytes (a declared or streamed body
 * over it is refused, and nothing of it is kept), hashing it on the way.
 */
async function saveBody(request: Request, file: string, limit: number, tooBig: () => Error): Promise<{ size: number; sha256: string }> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw tooBig();
  const reader = request.body?.getReader();
  const out = createWriteStream(file, { flags: "wx", mode: 0o600 });
  const hash = createHash("sha256");
  let size = 0;
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooBig();
      }
      hash.update(value);
      if (!out.write(value)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return { size, sha256: hash.digest("hex") };
}

/** Refuses at once (400) a file that cannot be what its source says, before a job is queued. */
async function checkKind(source: ImportSource, file: string): Promise<void> {
  if (source === "opcode" || source === "vibe-kanban") {
    if (!(await hasSqliteHeader(file))) {
      throw new LocalizedError("validation", { key: "import.error.notSqlite", vars: { what: source === "opcode" ? "opcode agents.db" : "vibe-kanban db.sqlite" } });
    }
    return;
  }
  const handle = await fs.open(file, "r");
  const head = Buffer.alloc(64);
  const { bytesRead } = await handle.read(head, 0, 64, 0).finally(() => handle.close());
  const start = head.subarray(0, bytesRead);
  const zip = start[0] === 0x50 && start[1] === 0x4b;
  const jsonLines = start.toString("utf8").replace(/^\uFEFF/, "").trimStart().startsWith("{");
  if (!zip && !jsonLines) throw new LocalizedError("validation", { key: "import.error.notSessionFile" });
}

/**
 * `POST /imports?source=`: keeps the uploaded file (under DATA_DIR, at most the plan's size)
 * and queues the `run_import` job that reads it. Returns the import's id.
 */
export async function createImport(userId: string, source: ImportSource, request: Request, fileName = ""): Promise<string> {
  const [user] = await db().select({ plan: users.plan }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError("unauthorized", "Your account no longer exists.");
  const limit = importLimitsFor(user.plan as Plan).importFileBytes;
  const id = newId();
  const dir = importDir(id);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    const saved = await saveBody(request, path.join(dir, "upload"), limit, () =>
      new LocalizedError("payload_too_large", { key: "import.error.tooBig", vars: { plan: user.plan, max: formatBytes(limit) } }),
    );
    if (saved.size === 0) throw new LocalizedError("validation", { key: "import.error.empty" });
    await checkKind(source, path.join(dir, "upload"));
    await db().batch([
      db().insert(imports).values({ id, userId, source, fileName: fileName.slice(0, 255), sizeBytes: saved.size, sha256: saved.sha256 }),
      buildJobInsert({ type: JOB_TYPES.runImport, userId, payload: { importId: id }, maxAttempts: 1 }),
    ]);
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  notifyJobsAvailable();
  return id;
}

/** One of the user's imports; another user's id is not_found. */
export async function getImport(userId: string, id: string): Promise<ImportRow> {
  const [row] = await db()
    .select(columns)
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.userId, userId)))
    .limit(1);
  if (!row) throw notFoundError("import");
  return row;
}

/** The user's imports, newest first. */
export async function listImports(userId: string, query: { limit: number; cursor?: string }) {
  const page = keyset(imports.id, query);
  const rows = await db()
    .select(columns)
    .from(imports)
    .where(and(eq(imports.userId, userId), page.where))
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows);
}

const say = (text: ImportText) => renderText(english, text as LocalizedText);

/** An import as the API shows it: reasons in English (the page shows them in the user's language). */
export function importView(row: ImportRow): ImportView {
  return {
    id: row.id,
    source: row.source,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    status: row.status,
    progress: { done: row.progressDone, total: row.progressTotal },
    counts: row.counts,
    problems: row.problems.map((p) => ({ kind: p.kind, reason: say(p.reason), count: p.count, example: p.example ?? null })),
    error: row.error ? say(row.error) : null,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}
