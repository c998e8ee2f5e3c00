import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { conversations, projects } from "@/db/schema";

/**
 * Rows that hang under a project (runs, ideas, tasks, conversations, checkpoints)
 * are hidden while the project is in the trash, without touching them: the
 * condition reads the parent's `deleted_at`, so trashing and restoring a
 * project with a million runs is one UPDATE of one row (and the run-count and
 * usage triggers never fire). True for a row with no project.
 */
export function projectNotTrashed(projectId: SQLiteColumn | SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${projects} AS trashed_project
    WHERE trashed_project.id = ${projectId} AND trashed_project.deleted_at IS NOT NULL)`;
}

/** Rows under a conversation (checkpoints) are hidden while it is in the trash. True for a row with none. */
export function conversationNotTrashed(conversationId: SQLiteColumn | SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${conversations} AS trashed_conversation
    WHERE trashed_conversation.id = ${conversationId} AND trashed_conversation.deleted_at IS NOT NULL)`;
}
