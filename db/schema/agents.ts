import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./columns";
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("agents_user_name_unique").on(t.userId, t.name)],
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

/** MCP servers, imported from and exported to `.mcp.json`. */
export const mcpServers = sqliteTable(
  "mcp_servers",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    command: text("command").notNull(),
    args: text("args", { mode: "json" }).$type<string[]>().notNull().default([]),
    env: text("env", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("mcp_servers_user_name_unique").on(t.userId, t.name)],
);

export type Agent = typeof agents.$inferSelect;
export type NewAgent = typeof agents.$inferInsert;
export type ProviderKey = typeof providerKeys.$inferSelect;
export type McpServer = typeof mcpServers.$inferSelect;
