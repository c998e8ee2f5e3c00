import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp, updatedAt } from "./columns";
import { agents } from "./agents";
import { projects } from "./projects";
import { agentRuns } from "./runs";
import { users } from "./users";
import { CONVERSATION_STATUSES, MESSAGE_ROLES, MESSAGE_STATUSES } from "@/lib/domain/conversations";

/** A chat with an agent; session_id lets the agent CLI resume where it left off. */
export const conversations = sqliteTable(
  "conversations",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    agentId: text("agent_id").references(() => agents.id, { onDelete: "set null" }),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    sessionId: text("session_id"),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("idle"),
    /** Set on a fork: the next turn resumes session_id with --fork-session, then this is cleared. */
    forkSession: integer("fork_session", { mode: "boolean" }).notNull().default(false),
    /** The checkpoint the project's files were last taken at or restored to: the next one's parent. */
    headCheckpointId: text("head_checkpoint_id"),
    /** Set while the conversation is in the trash (lib/trash). */
    deletedAt: timestamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("conversations_trash_idx").on(t.userId, t.deletedAt).where(sql`${t.deletedAt} IS NOT NULL`),
    index("conversations_user_updated_idx").on(t.userId, t.updatedAt),
    index("conversations_agent_idx").on(t.agentId),
    index("conversations_project_idx").on(t.projectId),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: id(),
    conversationId: text("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    role: text("role", { enum: MESSAGE_ROLES }).notNull(),
    content: text("content").notNull(),
    /** The run that answers a user's message, or that wrote an assistant's or tool's. */
    runId: text("run_id").references(() => agentRuns.id, { onDelete: "set null" }),
    toolName: text("tool_name"),
    toolInput: text("tool_input", { mode: "json" }).$type<unknown>(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("sent"),
    /**
     * Reading order: a user's message sorts by its id; a turn's reply sorts right after the
     * message it answers (`<that id>.<n>`), before messages queued while the agent answered.
     */
    position: text("position").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.position), index("messages_run_idx").on(t.runId)],
);

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
