import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./columns";
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
    /** `links`: the folder the app keeps for a user's link analyses; never listed nor counted (lib/domain/projects.ts). */
    kind: text("kind", { enum: PROJECT_KINDS }).notNull().default("user"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("projects_user_idx").on(t.userId, t.createdAt)],
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
