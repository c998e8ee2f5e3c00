import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp, updatedAt } from "./columns";
import { users } from "./users";
import { IMPORT_KINDS, IMPORT_SOURCES, IMPORT_STATUSES, type ImportKind } from "@/lib/domain/imports";

/** A reason as an i18n key with its values (lib/i18n/localized-error.ts's LocalizedText). */
export type ImportText = { key: string; vars?: Record<string, string | number | ImportText> };
export type ImportCounts = Partial<Record<ImportKind, { imported: number; skipped: number }>>;
/** Why rows were skipped: one line per kind and reason, with how many. */
export type ImportProblem = { kind: ImportKind; reason: ImportText; count: number; example?: string };

/** One uploaded file brought in from another tool (lib/imports), and its report. */
export const imports = sqliteTable(
  "imports",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    fileName: text("file_name").notNull().default(""),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("pending"),
    /** Steps done of `progressTotal`, for the progress bar. */
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    counts: text("counts", { mode: "json" }).$type<ImportCounts>().notNull().default({}),
    problems: text("problems", { mode: "json" }).$type<ImportProblem[]>().notNull().default([]),
    /** Why the whole file was refused (nothing imported). */
    error: text("error", { mode: "json" }).$type<ImportText>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp("completed_at"),
  },
  (t) => [index("imports_user_idx").on(t.userId, t.id)],
);

/**
 * What each import created, keyed by the row's id in the other tool: importing the same
 * rows again skips them ("already imported"), a later run finds the agent or task an
 * earlier import made for it, and a failed import deletes exactly what it created.
 */
export const importItems = sqliteTable(
  "import_items",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    sourceKey: text("source_key").notNull(),
    targetId: text("target_id").notNull(),
    importId: text("import_id").notNull().references(() => imports.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.source, t.kind, t.sourceKey] }), index("import_items_import_idx").on(t.importId)],
);

export type Import = typeof imports.$inferSelect;
export type ImportItem = typeof importItems.$inferInsert;
