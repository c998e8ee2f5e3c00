import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, isoNow, timestamp } from "./columns";
import { agents } from "./agents";
import { projects } from "./projects";
import { users } from "./users";
import { EXECUTORS } from "@/lib/domain/agents";
import { EVENT_STREAMS, RUN_SOURCES, RUN_STATUSES } from "@/lib/domain/runs";

export const agentRuns = sqliteTable(
  "agent_runs",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    // Model and executor are copied from the agent, so a run outlives edits to or deletion of it.
    agentId: text("agent_id").references(() => agents.id, { onDelete: "set null" }),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    task: text("task").notNull(),
    model: text("model"),
    executor: text("executor", { enum: EXECUTORS }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("queued"),
    source: text("source", { enum: RUN_SOURCES }).notNull().default("manual"),
    /** The idea (refinement), attempt or conversation the run belongs to; null for manual and API runs. */
    sourceId: text("source_id"),
    pid: integer("pid"),
    sessionId: text("session_id"),
    input: text("input", { mode: "json" }).$type<Record<string, unknown>>(),
    output: text("output", { mode: "json" }).$type<Record<string, unknown>>(),
    exitCode: integer("exit_code"),
    error: text("error"),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cacheReadTokens: integer("cache_read_tokens").notNull().default(0),
    cacheWriteTokens: integer("cache_write_tokens").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    /** Highest run_events.seq written; the next append uses last_seq + 1. */
    lastSeq: integer("last_seq").notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestamp("started_at"),
    completedAt: timestamp("completed_at"),
  },
  (t) => [
    // Lists read newest first by id (keyset): each filter has an index ending in id, so a page is
    // an index range walked backwards, never a sort of the user's whole history.
    index("agent_runs_user_id_idx").on(t.userId, t.id),
    index("agent_runs_user_created_idx").on(t.userId, t.createdAt),
    index("agent_runs_user_status_idx").on(t.userId, t.status, t.id),
    index("agent_runs_project_idx").on(t.projectId, t.id),
    index("agent_runs_agent_idx").on(t.agentId, t.id),
    // The daily log pruning (lib/runs/retention.ts) finds expired runs without reading the runs already pruned.
    index("agent_runs_unpruned_idx")
      .on(t.userId, t.completedAt)
      .where(sql`coalesce(json_extract(${t.output}, '$.logPruned'), 0) = 0`),
  ],
);

/** The durable run log. Keyed by (run_id, seq), so appends are cheap and replay is a range scan. */
export const runEvents = sqliteTable(
  "run_events",
  {
    runId: text("run_id").notNull().references(() => agentRuns.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    time: text("time").notNull().default(isoNow),
    stream: text("stream", { enum: EVENT_STREAMS }).notNull(),
    level: text("level"),
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

export type AgentRun = typeof agentRuns.$inferSelect;
export type NewAgentRun = typeof agentRuns.$inferInsert;
export type RunEvent = typeof runEvents.$inferSelect;
export type NewRunEvent = typeof runEvents.$inferInsert;

/**
 * Web processes that take live-output notifications (lib/runs/live-channel.ts):
 * where to send a UDP datagram "run X has events up to seq N". Each process
 * renews its row while it runs; workers send to every row not expired.
 */
export const liveListeners = sqliteTable("live_listeners", {
  id: text("id").primaryKey(),
  address: text("address").notNull(),
  port: integer("port").notNull(),
  expiresAt: text("expires_at").notNull(),
});

/**
 * Runs created per user and UTC month ("2026-12"), kept by triggers on
 * agent_runs (migration 0008_run_month_count_triggers) in the same
 * transaction as each insert, delete or moved created_at: the monthly run
 * limit and the plan meters read one row instead of counting a month of runs.
 * WITHOUT ROWID (hand-added in migration 0007).
 */
export const runMonthCounts = sqliteTable(
  "run_month_counts",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    runs: integer("runs").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month] })],
);
