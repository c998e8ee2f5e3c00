/** Where an import's file comes from (`POST /imports?source=`). */
export const IMPORT_SOURCES = ["opcode", "vibe-kanban", "claude-code"] as const;
export const IMPORT_STATUSES = ["pending", "running", "done", "failed"] as const;
/** What an import report counts, in the order a page lists them. */
export const IMPORT_KINDS = ["projects", "agents", "runs", "tasks", "attempts", "logLines", "tags", "images", "conversations", "settings"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export type ImportKind = (typeof IMPORT_KINDS)[number];
