import { type AnySQLiteColumn, blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { projects } from "./projects";
import { agentRuns } from "./runs";
import { conversations, messages } from "./conversations";
import { users } from "./users";

/** A snapshot of a project's files; parent_id makes the snapshots a tree. */
export const checkpoints = sqliteTable(
  "checkpoints",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    runId: text("run_id").references(() => agentRuns.id, { onDelete: "cascade" }),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    // Deleting one checkpoint keeps its children; they become roots.
    parentId: text("parent_id").references((): AnySQLiteColumn => checkpoints.id, { onDelete: "set null" }),
    /** The label a person gave it, or what it follows ("After turn 3"). */
    message: text("message").notNull().default(""),
    conversationId: text("conversation_id").references(() => conversations.id, { onDelete: "cascade" }),
    /** The last message of the conversation when it was taken. */
    messageId: text("message_id").references(() => messages.id, { onDelete: "set null" }),
    /**
     * The file list (path, mode, blob hash per file) as a blob itself: an unchanged project
     * has the same list, so a checkpoint of it stores no new bytes but this row.
     */
    manifestHash: text("manifest_hash").references(() => checkpointBlobs.hash),
    fileCount: integer("file_count").notNull().default(0),
    /** Uncompressed size of the files it holds. */
    totalBytes: integer("total_bytes").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("checkpoints_project_created_idx").on(t.projectId, t.createdAt),
    index("checkpoints_user_idx").on(t.userId),
    index("checkpoints_run_idx").on(t.runId),
    index("checkpoints_parent_idx").on(t.parentId),
    index("checkpoints_conversation_idx").on(t.conversationId),
  ],
);

/**
 * Content-addressed file contents, shared by every checkpoint (and user) that has the same
 * bytes. Never exposed by hash; unreferenced blobs are removed by a sweep, not by cascade.
 */
export const checkpointBlobs = sqliteTable("checkpoint_blobs", {
  /** SHA-256 of the uncompressed content, hex. */
  hash: text("hash").primaryKey(),
  data: blob("data", { mode: "buffer" }).notNull(),
  /** Uncompressed size in bytes. */
  size: integer("size").notNull(),
});

export const checkpointFiles = sqliteTable(
  "checkpoint_files",
  {
    checkpointId: text("checkpoint_id").notNull().references(() => checkpoints.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    blobHash: text("blob_hash").notNull().references(() => checkpointBlobs.hash),
    /** Unix file mode, e.g. 0o100644 or 0o100755. */
    mode: integer("mode").notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpointId, t.path] }), index("checkpoint_files_blob_idx").on(t.blobHash)],
);

export type Checkpoint = typeof checkpoints.$inferSelect;
export type CheckpointBlob = typeof checkpointBlobs.$inferSelect;
export type CheckpointFile = typeof checkpointFiles.$inferSelect;
