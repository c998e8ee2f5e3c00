import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp, updatedAt } from "./columns";
import { users } from "./users";
import { PROJECT_KINDS } from "@/lib/domain/projects";

/** Per-project settings kept as JSON, so adding one needs no migration. */
export type ProjectConfig = {
  setupScript?: string;
  cleanupScript?: string;
  devScript?: string;
  [key: string]: unknown;
};

export const projects = sqliteTable(
  "projects",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Absolute directory on the server. */
    path: text("path").notNull(),
    repoUrl: text("repo_url"),
    /** True when the app created the folder under DATA_DIR (so it may delete it too). */
    isWorkspace: integer("is_workspace", { mode: "boolean" }).notNull().default(false),
    config: text("config", { mode: "json" }).$type<ProjectConfig>().notNull().default({}),
    /**
     * Set on a project imported from another tool whose folder is not one this server may use
     * (not under PROJECT_ROOTS, missing, or another user's): the folder it had there. Such a
     * project keeps its history but runs nothing until it is pointed at a folder; `path` is then
     * a folder under DATA_DIR that is never created.
     */
    detachedFrom: text("detached_from"),
    /** Set while the project is in the trash (lib/trash); everything under it is hidden with it. */
    deletedAt: timestamp("deleted_at"),
    /** `links`: the folder the app keeps for a user's link analyses; never listed nor counted (lib/domain/projects.ts). */
    kind: text("kind", { enum: PROJECT_KINDS }).notNull().default("user"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("projects_user_idx").on(t.userId, t.createdAt),
    index("projects_trash_idx").on(t.userId, t.deletedAt).where(sql`${t.deletedAt} IS NOT NULL`),
  ],
);

/** Reusable prompt snippets. */
export const tags = sqliteTable(
  "tags",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    content: text("content").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("tags_user_name_unique").on(t.userId, t.name)],
);

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type Tag = typeof tags.$inferSelect;
