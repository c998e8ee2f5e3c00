import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./columns";
import { agents } from "./agents";
import { projects } from "./projects";
import { agentRuns } from "./runs";
import { users } from "./users";

/** Price list (USD per million tokens), used to cost runs whose executor reports no cost. */
export const models = sqliteTable(
  "models",
  {
    id: id(),
    provider: text("provider").notNull(),
    name: text("name").notNull(),
    inputPricePerMtok: real("input_price_per_mtok").notNull(),
    outputPricePerMtok: real("output_price_per_mtok").notNull(),
    cacheReadPricePerMtok: real("cache_read_price_per_mtok"),
    cacheWritePricePerMtok: real("cache_write_price_per_mtok"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("models_name_unique").on(t.name)],
);

/** One row per finished run (or other billable call); kept when its project or agent is deleted. */
export const usageRecords = sqliteTable(
  "usage_records",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id").references(() => projects.id, { onDelete: "set null" }),
    agentId: text("agent_id").references(() => agents.id, { onDelete: "set null" }),
    // Usage outlives its run (and the run's project): deleting them must not rewrite the cost history.
    runId: text("run_id").references(() => agentRuns.id, { onDelete: "set null" }),
    model: text("model").notNull(),
    /**
     * Who served the run (lib/usage/providers.ts): `anthropic`, `openai`, `google`, the host of
     * any other base URL (a local vLLM or Ollama server is its own), '' when none (scripts).
     */
    provider: text("provider").notNull().default(""),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cacheReadTokens: integer("cache_read_tokens").notNull().default(0),
    cacheWriteTokens: integer("cache_write_tokens").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    // Unique so recording a run's usage twice (a retried job) is a no-op; NULLs do not collide.
    uniqueIndex("usage_records_run_unique").on(t.runId),
    index("usage_records_user_created_idx").on(t.userId, t.createdAt),
    index("usage_records_model_idx").on(t.model),
    index("usage_records_project_idx").on(t.projectId),
    index("usage_records_agent_idx").on(t.agentId),
  ],
);

export const USAGE_DIMENSIONS = ["total", "model", "project", "agent", "provider"] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];
/** Rollup rows per UTC day use the dimension's name; per UTC month (day = 'YYYY-MM'), `<dimension>:month`. */
export type UsageRollupDimension = UsageDimension | `${UsageDimension}:month`;

/**
 * usage_records summed per user, UTC day and one dimension: `total` (key ''),
 * `model`, `project`, `agent` (key '' for a deleted project or agent) and `provider`, and
 * the same per UTC month (dimension `total:month` etc., day 'YYYY-MM'). Kept
 * by triggers on usage_records (migration 0006_scale; `provider` added by 0008_links_providers), so every
 * write to a record — recording usage, a retried run replacing its numbers,
 * a project, agent or run deleted under it — changes its rollups in the same
 * transaction. Reports read these instead of aggregating raw rows. `records`
 * counts the rows summed, so a group whose records all went away is skipped.
 * The table is WITHOUT ROWID (hand-added in migration 0004, which drizzle-kit
 * does not model): a report's range scan reads the rows in key order directly.
 */
export const usageRollups = sqliteTable(
  "usage_rollups",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    dimension: text("dimension").$type<UsageRollupDimension>().notNull(),
    day: text("day").notNull(),
    key: text("key").notNull(),
    records: integer("records").notNull().default(0),
    runs: integer("runs").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cacheReadTokens: integer("cache_read_tokens").notNull().default(0),
    cacheWriteTokens: integer("cache_write_tokens").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.dimension, t.day, t.key] }),
    // Every user's usage at once (the admin console).
    index("usage_rollups_dimension_day_idx").on(t.dimension, t.day),
  ],
);

export type Model = typeof models.$inferSelect;
export type UsageRecord = typeof usageRecords.$inferSelect;
export type NewUsageRecord = typeof usageRecords.$inferInsert;
