import { z } from "zod";
import { IMPORT_KINDS, IMPORT_SOURCES, IMPORT_STATUSES } from "@/lib/domain";
import { paginationQuery } from "@/lib/api/schemas";

/** Import schemas shared by the API and the OpenAPI description (no "server-only"). */

/** `POST /api/v1/imports?source=&fileName=`: the file is the raw body. */
export const importCreateQuery = z.object({
  source: z.enum(IMPORT_SOURCES, { message: "import.error.source" }).describe("opcode (agents.db), vibe-kanban (db.sqlite) or claude-code (a session .jsonl, or a zip of ~/.claude/projects)."),
  fileName: z.string().max(255).optional().describe("The file's name, shown on /import."),
});

export const importListQuery = paginationQuery;

const countsSchema = z.object({ imported: z.number().int(), skipped: z.number().int() });

export const importSchema = z
  .object({
    id: z.string(),
    source: z.enum(IMPORT_SOURCES),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    status: z.enum(IMPORT_STATUSES).describe("pending (queued), running, done, or failed (nothing was imported; `error` says why)."),
    progress: z.object({ done: z.number().int(), total: z.number().int() }).describe("Steps written of the total (0 of 0 until the file is read)."),
    counts: z.partialRecord(z.enum(IMPORT_KINDS), countsSchema).describe("Per kind (projects, agents, runs, tasks, attempts, logLines, tags, images, conversations, settings): how many came in and how many were left out."),
    problems: z
      .array(z.object({ kind: z.enum(IMPORT_KINDS), reason: z.string(), count: z.number().int(), example: z.string().nullable() }))
      .describe("Why rows were left out: one entry per kind and reason, with how many and one example."),
    error: z.string().nullable().describe("Why the whole file was refused (then nothing of it was imported)."),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: "Import", description: "A file brought in from another tool, and its report." });

export const importCreatedSchema = z.object({ id: z.string() });

export type ImportView = z.infer<typeof importSchema>;
