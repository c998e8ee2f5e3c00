import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp, updatedAt } from "./columns";
import { users } from "./users";
import { AGENT_TYPES, EXECUTORS, PROVIDERS } from "@/lib/domain/agents";

/** Claude Code hooks settings, kept as given (opcode exports carry them as a JSON string). */
export type AgentHooks = Record<string, unknown>;

export const agents = sqliteTable(
  "agents",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    icon: text("icon").notNull().default("bot"),
    systemPrompt: text("system_prompt").notNull().default(""),
    defaultTask: text("default_task"),
    model: text("model").notNull().default("sonnet"),
    executor: text("executor", { enum: EXECUTORS }).notNull().default("claude-code"),
    tools: text("tools", { mode: "json" }).$type<string[]>().notNull().default([]),
    type: text("type", { enum: AGENT_TYPES }).notNull().default("development"),
    enableFileRead: integer("enable_file_read", { mode: "boolean" }).notNull().default(true),
    enableFileWrite: integer("enable_file_write", { mode: "boolean" }).notNull().default(true),
    enableNetwork: integer("enable_network", { mode: "boolean" }).notNull().default(false),
    hooks: text("hooks", { mode: "json" }).$type<AgentHooks>(),
    /** The user's MCP servers this agent's runs get (ids of mcp_servers rows; a deleted one is skipped). */
    mcpServerIds: text("mcp_server_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Set while the agent is in the trash (lib/trash). */
    deletedAt: timestamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A name is taken only by a live agent: one in the trash frees it (restoring it then needs the name back).
    uniqueIndex("agents_user_name_unique").on(t.userId, t.name).where(sql`${t.deletedAt} IS NULL`),
    index("agents_trash_idx").on(t.userId, t.deletedAt).where(sql`${t.deletedAt} IS NOT NULL`),
  ],
);

/** A user's own provider credentials; they win over the server-wide env defaults. */
export const providerKeys = sqliteTable(
  "provider_keys",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: PROVIDERS }).notNull(),
    baseUrl: text("base_url"),
    /** Never sent back to the client. Null for keyless local servers (Ollama, llama.cpp). */
    encryptedKey: text("encrypted_key"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("provider_keys_user_provider_unique").on(t.userId, t.provider)],
);

export const MCP_TRANSPORTS = ["stdio", "http", "sse"] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

/**
 * A user's MCP servers, imported from and exported to `.mcp.json`. `env` and
 * `headers` map each name to its value encrypted with encryptSecret (names in
 * the clear, values never sent back).
 */
export const mcpServers = sqliteTable(
  "mcp_servers",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    transport: text("transport", { enum: MCP_TRANSPORTS }).notNull().default("stdio"),
    /** stdio only ("" for http/sse). */
    command: text("command").notNull(),
    args: text("args", { mode: "json" }).$type<string[]>().notNull().default([]),
    env: text("env", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /** http/sse only. */
    url: text("url"),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("mcp_servers_user_name_unique").on(t.userId, t.name)],
);

export type Agent = typeof agents.$inferSelect;
export type NewAgent = typeof agents.$inferInsert;
export type ProviderKey = typeof providerKeys.$inferSelect;
export type McpServer = typeof mcpServers.$inferSelect;
