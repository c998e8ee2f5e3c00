import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp, updatedAt } from "./columns";
import { agents } from "./agents";
import { agentRuns } from "./runs";
import { projects } from "./projects";
import { users } from "./users";
import { IDEA_SOURCES, IDEA_STATUSES, QUESTION_STATUSES } from "@/lib/domain/ideas";

export const ideas = sqliteTable(
  "ideas",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    source: text("source", { enum: IDEA_SOURCES }).notNull().default("web"),
    priority: integer("priority").notNull().default(0),
    status: text("status", { enum: IDEA_STATUSES }).notNull().default("pending"),
    /** The latest refinement run (its live log shows on /ideas). */
    refinementRunId: text("refinement_run_id").references(() => agentRuns.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("ideas_user_project_status_idx").on(t.userId, t.projectId, t.status), index("ideas_project_idx").on(t.projectId)],
);

/** An agent asks while refining an idea; a person answers. Owned through the idea. */
export const questions = sqliteTable(
  "questions",
  {
    id: id(),
    ideaId: text("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    askedByAgentId: text("asked_by_agent_id").references(() => agents.id, { onDelete: "set null" }),
    question: text("question").notNull(),
    answer: text("answer"),
    status: text("status", { enum: QUESTION_STATUSES }).notNull().default("open"),
    createdAt: createdAt(),
    answeredAt: timestamp("answered_at"),
  },
  (t) => [index("questions_idea_idx").on(t.ideaId), index("questions_agent_idx").on(t.askedByAgentId)],
);

export type Idea = typeof ideas.$inferSelect;
export type NewIdea = typeof ideas.$inferInsert;
export type Question = typeof questions.$inferSelect;
