import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp, updatedAt } from "./columns";
import { agents } from "./agents";
import { ideas } from "./ideas";
import { projects, tags } from "./projects";
import { agentRuns } from "./runs";
import { users } from "./users";
import { ATTEMPT_STATUSES, DRAFT_STATUSES, MERGE_KINDS, PROCESS_KINDS, TASK_STATUSES, TASK_TYPES } from "@/lib/domain/tasks";

/** The board's cards (the idea pipeline calls them tickets); subtasks point at their parent. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    ideaId: text("idea_id").references(() => ideas.id, { onDelete: "set null" }),
    parentTaskId: text("parent_task_id").references((): AnySQLiteColumn => tasks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    type: text("type", { enum: TASK_TYPES }).notNull().default("feature"),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("queued"),
    priority: integer("priority").notNull().default(0),
    assignedAgentId: text("assigned_agent_id").references(() => agents.id, { onDelete: "set null" }),
    spec: text("spec"),
    result: text("result"),
    /** Order within a board column, or among a parent's subtasks. */
    position: integer("position").notNull().default(0),
    /**
     * Set while the task is in the trash (lib/trash). Trashing a task stamps its subtasks with
     * the same time, so restoring it brings back exactly those (not one trashed on its own before).
     */
    deletedAt: timestamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tasks_trash_idx").on(t.userId, t.deletedAt).where(sql`${t.deletedAt} IS NOT NULL`),
    // A board column of one project (lib/tasks/board.ts), in the column's order; its prefix serves a project's tasks by user.
    index("tasks_project_board_idx").on(t.userId, t.projectId, t.parentTaskId, t.status, sql`${t.priority} DESC`, t.position, sql`${t.id} DESC`),
    // Top-level cards newest first, of the user or of one project: index order, no sort.
    index("tasks_user_parent_idx").on(t.userId, t.parentTaskId, t.id),
    index("tasks_project_idx").on(t.projectId, t.parentTaskId, t.id),
    // A board column in its order (lib/tasks/board.ts): each status's page is an index range, never a sort of the column.
    index("tasks_board_idx").on(t.userId, t.parentTaskId, t.status, sql`${t.priority} DESC`, t.position, sql`${t.id} DESC`),
    index("tasks_parent_idx").on(t.parentTaskId, t.position),
    index("tasks_idea_idx").on(t.ideaId),
    // An agent's board column in its order; its prefix serves the agent's deletion (assigned_agent_id set null).
    index("tasks_agent_board_idx").on(t.assignedAgentId, t.userId, t.parentTaskId, t.status, sql`${t.priority} DESC`, t.position, sql`${t.id} DESC`),
  ],
);

export const taskTags = sqliteTable(
  "task_tags",
  {
    taskId: text("task_id").notNull().references(() => tasks.id, { onDelete: "cascade" }),
    tagId: text("tag_id").notNull().references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.tagId] }), index("task_tags_tag_idx").on(t.tagId)],
);

/** One try at a task by an agent, in its own git worktree and branch. */
export const taskAttempts = sqliteTable(
  "task_attempts",
  {
    id: id(),
    taskId: text("task_id").notNull().references(() => tasks.id, { onDelete: "cascade" }),
    agentId: text("agent_id").references(() => agents.id, { onDelete: "set null" }),
    branch: text("branch").notNull(),
    worktreePath: text("worktree_path"),
    baseBranch: text("base_branch"),
    baseCommit: text("base_commit"),
    beforeCommit: text("before_commit"),
    afterCommit: text("after_commit"),
    headCommit: text("head_commit"),
    status: text("status", { enum: ATTEMPT_STATUSES }).notNull().default("queued"),
    /** Why the attempt failed, as a person reads it (setup failed, not a git repository, ...). */
    error: text("error"),
    worktreeCleanedAt: timestamp("worktree_cleaned_at"),
    discardedAt: timestamp("discarded_at"),
    mergedAt: timestamp("merged_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("task_attempts_task_idx").on(t.taskId), index("task_attempts_agent_idx").on(t.agentId)],
);

export const executionProcesses = sqliteTable(
  "execution_processes",
  {
    id: id(),
    attemptId: text("attempt_id").notNull().references(() => taskAttempts.id, { onDelete: "cascade" }),
    runId: text("run_id").references(() => agentRuns.id, { onDelete: "set null" }),
    kind: text("kind", { enum: PROCESS_KINDS }).notNull(),
    status: text("status", { enum: ATTEMPT_STATUSES }).notNull().default("queued"),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at"),
  },
  (t) => [index("execution_processes_attempt_idx").on(t.attemptId), index("execution_processes_run_idx").on(t.runId)],
);

export const merges = sqliteTable(
  "merges",
  {
    id: id(),
    attemptId: text("attempt_id").notNull().references(() => taskAttempts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MERGE_KINDS }).notNull(),
    mergeCommit: text("merge_commit"),
    prUrl: text("pr_url"),
    createdAt: createdAt(),
  },
  (t) => [index("merges_attempt_idx").on(t.attemptId)],
);

/** Follow-up messages queued for an attempt, sent when its agent is next free. */
export const drafts = sqliteTable(
  "drafts",
  {
    id: id(),
    attemptId: text("attempt_id").notNull().references(() => taskAttempts.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    status: text("status", { enum: DRAFT_STATUSES }).notNull().default("queued"),
    createdAt: createdAt(),
  },
  (t) => [index("drafts_attempt_status_idx").on(t.attemptId, t.status), index("drafts_user_idx").on(t.userId)],
);

/** Uploaded files live on disk under DATA_DIR; the row only points at them. */
export const images = sqliteTable(
  "images",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    filePath: text("file_path").notNull(),
    originalName: text("original_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("images_user_sha_idx").on(t.userId, t.sha256)],
);

export const taskImages = sqliteTable(
  "task_images",
  {
    taskId: text("task_id").notNull().references(() => tasks.id, { onDelete: "cascade" }),
    imageId: text("image_id").notNull().references(() => images.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.imageId] }), index("task_images_image_idx").on(t.imageId)],
);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;
export type TaskAttempt = typeof taskAttempts.$inferSelect;
export type NewTaskAttempt = typeof taskAttempts.$inferInsert;
export type ExecutionProcess = typeof executionProcesses.$inferSelect;
export type Merge = typeof merges.$inferSelect;
export type Draft = typeof drafts.$inferSelect;
export type Image = typeof images.$inferSelect;
