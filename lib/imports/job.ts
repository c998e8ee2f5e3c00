import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { imports, users, type ImportText } from "@/db/schema";
import type { Plan } from "@/lib/domain";
import { nowIso } from "@/lib/domain/ids";
import { importLimitsFor } from "@/lib/billing/plans";
import type { Job, JobContext, JobDefinition } from "@/lib/queue/types";
import { importClaudeCode } from "./claude-code";
import { importDir } from "./imports";
import { importOpcode } from "./opcode";
import { ImportRefused } from "./report";
import { importVibeKanban } from "./vibe-kanban";
import { ImportWriter, undoImport } from "./writer";

/*
 * The `run_import` job: reads the uploaded file (a copy of it: the upload itself is never
 * opened for writing), gathers what it brings and what is left out, writes it all (undoing
 * everything on any failure), and keeps the report on the imports row. The folder holding the
 * upload is deleted at the end, whatever happened.
 */

async function fail(userId: string, importId: string, error: ImportText): Promise<void> {
  await undoImport(userId, importId);
  await db()
    .update(imports)
    .set({ status: "failed", error, counts: {}, problems: [], completedAt: nowIso(), updatedAt: nowIso() })
    .where(eq(imports.id, importId));
}

export async function runImport(importId: string): Promise<Record<string, unknown>> {
  const [row] = await db()
    .select({ id: imports.id, userId: imports.userId, source: imports.source, status: imports.status, plan: users.plan })
    .from(imports)
    .innerJoin(users, eq(users.id, imports.userId))
    .where(eq(imports.id, importId))
    .limit(1);
  if (!row || (row.status !== "pending" && row.status !== "running")) return { skipped: true };
  await db().update(imports).set({ status: "running", updatedAt: nowIso() }).where(eq(imports.id, importId));
  const dir = importDir(importId);
  const work = path.join(dir, "work");
  try {
    await fs.copyFile(path.join(dir, "upload"), work);
    await fs.chmod(work, 0o400);
    const writer = new ImportWriter(row.userId, importId, row.source);
    if (row.source === "opcode") await importOpcode(work, writer);
    else if (row.source === "vibe-kanban") await importVibeKanban(work, writer);
    else await importClaudeCode(work, writer, { unpackedBytes: importLimitsFor(row.plan as Plan).importUnpackedBytes });
    await db().update(imports).set({ progressTotal: writer.steps, updatedAt: nowIso() }).where(eq(imports.id, importId));
    await writer.commit(async (done, total) => {
      await db().update(imports).set({ progressDone: done, progressTotal: total, updatedAt: nowIso() }).where(eq(imports.id, importId));
    });
    // The upload is gone before the import says it is done.
    await fs.rm(dir, { recursive: true, force: true });
    await db()
      .update(imports)
      .set({ status: "done", counts: writer.report.counts, problems: writer.report.problems, completedAt: nowIso(), updatedAt: nowIso() })
      .where(eq(imports.id, importId));
    return { counts: writer.report.counts };
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    if (error instanceof ImportRefused) {
      await fail(row.userId, importId, error.text);
      return { refused: error.text.key };
    }
    console.error(`import ${importId} failed`, error);
    const code = (error as NodeJS.ErrnoException)?.code;
    await fail(row.userId, importId, { key: "import.error.internal", vars: { detail: code === "ENOENT" ? "the uploaded file is gone" : "see the server log" } });
    return { failed: true };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A worker died with the import going: what it wrote is deleted and the import fails, saying so (the upload is gone with the folder). */
async function onImportInterrupted(job: Job): Promise<void> {
  const importId = String((job.payload as { importId?: unknown }).importId ?? "");
  const [row] = await db()
    .select({ userId: imports.userId })
    .from(imports)
    .where(and(eq(imports.id, importId), inArray(imports.status, ["pending", "running"])))
    .limit(1);
  if (!row) return;
  await fail(row.userId, importId, { key: "import.error.interrupted" });
  await fs.rm(importDir(importId), { recursive: true, force: true });
}

export const runImportJobDefinition: JobDefinition = {
  run: async ({ job }: JobContext) => runImport(String((job.payload as { importId?: unknown }).importId ?? "")),
  onInterrupted: onImportInterrupted,
};
