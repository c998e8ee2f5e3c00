import { z } from "zod";
import type { AgentType, Executor } from "@/lib/domain";

/*
 * Agent schemas shared by the API, server actions, the agent form (which
 * validates as you type with these very schemas) and the OpenAPI description.
 * No "server-only" and no runtime import of db/: client components import
 * this file. Messages are i18n keys (lib/i18n/messages/workspace.ts).
 */

export const EXECUTORS = ["claude-code", "openai-compatible", "anthropic", "codex", "gemini", "script"] as const;
export const AGENT_TYPES = ["refinement", "development", "support", "planning"] as const;

// Compile-time guard: these lists must match the database enums exactly.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const executorsMatch: Same<(typeof EXECUTORS)[number], Executor> = true;
const typesMatch: Same<(typeof AGENT_TYPES)[number], AgentType> = true;
void executorsMatch;
void typesMatch;

/** Icons the form offers (opcode's names); any short name or emoji is accepted. */
export const AGENT_ICONS = ["bot", "code", "shield", "terminal", "database", "globe", "file-text", "git-branch", "sparkles", "brain", "zap", "wrench", "bug", "rocket", "search", "book"] as const;
/** Models the form suggests; any model name the executor understands is accepted. */
export const MODEL_SUGGESTIONS = ["sonnet", "opus", "haiku", "gpt-4o-mini", "gpt-4.1", "claude-sonnet-4-5", "gemini-2.5-pro", "llama3.1"] as const;

export const LIMITS = { name: 100, icon: 64, systemPrompt: 100_000, defaultTask: 20_000, model: 200, tool: 100, tools: 100, hooks: 100_000, mcpServers: 50 };

const tooLong = { message: "errors.tooLong" };
const fields = {
  name: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(LIMITS.name, tooLong),
  icon: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(LIMITS.icon, tooLong),
  systemPrompt: z.string({ message: "agent.error.text" }).max(LIMITS.systemPrompt, tooLong),
  defaultTask: z.string({ message: "agent.error.text" }).max(LIMITS.defaultTask, tooLong).nullable(),
  model: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(LIMITS.model, tooLong),
  executor: z.enum(EXECUTORS, { message: "agent.error.executor" }),
  type: z.enum(AGENT_TYPES, { message: "agent.error.type" }),
  tools: z
    .array(z.string({ message: "agent.error.tools" }).trim().min(1, { message: "agent.error.tools" }).max(LIMITS.tool, tooLong), {
      message: "agent.error.tools",
    })
    .max(LIMITS.tools, { message: "agent.error.tooManyTools" }),
  enableFileRead: z.boolean({ message: "agent.error.boolean" }),
  enableFileWrite: z.boolean({ message: "agent.error.boolean" }),
  enableNetwork: z.boolean({ message: "agent.error.boolean" }),
  hooks: z
    .record(z.string(), z.unknown(), { message: "agent.error.hooksObject" })
    .nullable()
    .refine((h) => h === null || JSON.stringify(h).length <= LIMITS.hooks, tooLong)
    .describe("Claude Code hooks settings, e.g. { \"PreToolUse\": [...] }"),
  mcpServerIds: z
    .array(z.string({ message: "agent.error.mcpServerIds" }).min(1, { message: "agent.error.mcpServerIds" }).max(100, tooLong), {
      message: "agent.error.mcpServerIds",
    })
    .max(LIMITS.mcpServers, { message: "agent.error.tooManyMcpServers" })
    .transform((ids) => [...new Set(ids)])
    .describe("Ids of the caller's MCP servers (/mcp-servers) this agent's runs get, and only those."),
};

/** POST /api/v1/agents: only name is required. */
export const agentCreateSchema = z.object({
  name: fields.name,
  icon: fields.icon.default("bot"),
  systemPrompt: fields.systemPrompt.default(""),
  defaultTask: fields.defaultTask.default(null),
  model: fields.model.optional().describe('Left out: your default model (GET /me/settings), else "sonnet".'),
  executor: fields.executor.default("claude-code"),
  type: fields.type.default("development"),
  tools: fields.tools.default([]),
  enableFileRead: fields.enableFileRead.default(true),
  enableFileWrite: fields.enableFileWrite.default(true),
  enableNetwork: fields.enableNetwork.default(false),
  hooks: fields.hooks.default(null),
  mcpServerIds: fields.mcpServerIds.default([]),
});

/** PATCH /api/v1/agents/:id: any subset of the fields. */
export const agentUpdateSchema = z.object({
  name: fields.name.optional(),
  icon: fields.icon.optional(),
  systemPrompt: fields.systemPrompt.optional(),
  defaultTask: fields.defaultTask.optional(),
  model: fields.model.optional(),
  executor: fields.executor.optional(),
  type: fields.type.optional(),
  tools: fields.tools.optional(),
  enableFileRead: fields.enableFileRead.optional(),
  enableFileWrite: fields.enableFileWrite.optional(),
  enableNetwork: fields.enableNetwork.optional(),
  hooks: fields.hooks.optional(),
  mcpServerIds: fields.mcpServerIds.optional(),
});

/** An agent as the API returns it. */
export const agentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    icon: z.string(),
    systemPrompt: z.string(),
    defaultTask: z.string().nullable(),
    model: z.string(),
    executor: z.enum(EXECUTORS),
    type: z.enum(AGENT_TYPES),
    tools: z.array(z.string()),
    enableFileRead: z.boolean(),
    enableFileWrite: z.boolean(),
    enableNetwork: z.boolean(),
    hooks: z.record(z.string(), z.unknown()).nullable(),
    mcpServerIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Agent", description: "An agent: what it is told, which model and executor run it, and what it may do." });

/**
 * The agent-export format (GET /api/v1/agents/:id/export). Import also
 * accepts opcode/Claudia's snake_case spelling of the same fields
 * (system_prompt, default_task, enable_file_read, ..., hooks as a JSON string).
 */
export const agentExportSchema = z
  .object({
    version: z.literal(1),
    exported_at: z.string(),
    agent: z.object({
      name: z.string(),
      icon: z.string(),
      systemPrompt: z.string(),
      defaultTask: z.string().nullable(),
      model: z.string(),
      enableFileRead: z.boolean(),
      enableFileWrite: z.boolean(),
      enableNetwork: z.boolean(),
      hooks: z.record(z.string(), z.unknown()).nullable(),
      mcpServers: z
        .record(z.string(), z.record(z.string(), z.unknown()))
        .optional()
        .describe("The agent's MCP servers by name, in the .mcp.json format without secret values (`${NAME}` placeholders)"),
    }),
  })
  .meta({ id: "AgentExport", description: "The agent-export file format (version 1)." });

/** One item of an import file as documented; the import accepts opcode's snake_case spelling as well. */
const agentImportItemDoc = z.object({
  version: z.literal(1).describe("Only version 1 is accepted"),
  exported_at: z.string().optional(),
  agent: z
    .object({
      name: z.string(),
      icon: z.string().optional(),
      systemPrompt: z.string().optional().describe("or system_prompt"),
      defaultTask: z.string().nullable().optional().describe("or default_task"),
      model: z.string().optional(),
      enableFileRead: z.boolean().optional().describe("or enable_file_read"),
      enableFileWrite: z.boolean().optional().describe("or enable_file_write"),
      enableNetwork: z.boolean().optional().describe("or enable_network"),
      hooks: z
        .union([z.record(z.string(), z.unknown()), z.string(), z.null()])
        .optional()
        .describe("An object, or (opcode) the same as a JSON string"),
      executor: z.enum(EXECUTORS).optional(),
      type: z.enum(AGENT_TYPES).optional(),
      tools: z.array(z.string()).optional(),
      mcpServers: z
        .union([z.record(z.string(), z.record(z.string(), z.unknown())), z.array(z.string())])
        .optional()
        .describe("MCP servers by name: a server you already have by that name is used; a missing one is created from its definition (without secrets)"),
    })
    .describe("camelCase (Switchboard) or snake_case (opcode/Claudia) field names"),
});

function documented(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/**
 * POST /api/v1/agents/import body: one agent-export object or an array of
 * them. Accepted as any JSON here and checked item by item in
 * lib/agents/import-export.ts, so a bad item gets a message naming it; the
 * metadata documents the shape in the OpenAPI description.
 */
export const agentImportBodySchema = z.unknown().meta({
  description: "One agent export (Switchboard's or opcode/Claudia's) or an array of up to 100. All are imported, or none.",
  anyOf: [documented(agentImportItemDoc), { type: "array", minItems: 1, maxItems: 100, items: documented(agentImportItemDoc) }],
});

/** POST /api/v1/agents/import response. */
export const agentImportResponseSchema = z.object({
  data: z.array(agentSchema).describe("The agents created, in file order; a name already in use gets \" (Imported)\"."),
});

// ---- The form: plain strings from FormData, turned into the API's fields. ----

/** "Read, Write" or one per line → ["Read", "Write"]. */
export function parseToolsText(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

const hooksText = z
  .string()
  .max(LIMITS.hooks, tooLong)
  .optional()
  .transform((text, ctx) => {
    if (!text?.trim()) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "agent.error.hooksJson" });
      return z.NEVER;
    }
  })
  .pipe(fields.hooks);

/** The agent form (create and edit). The server action parses the same schema again. */
export const agentFormSchema = z.object({
  name: fields.name,
  icon: fields.icon,
  systemPrompt: fields.systemPrompt,
  defaultTask: z
    .string()
    .max(LIMITS.defaultTask, tooLong)
    .optional()
    .transform((v) => (v?.trim() ? v : null)),
  model: fields.model,
  executor: fields.executor,
  type: fields.type,
  tools: z
    .string()
    .max(20_000, tooLong)
    .optional()
    .transform((v) => parseToolsText(v ?? ""))
    .pipe(fields.tools),
  enableFileRead: checkbox,
  enableFileWrite: checkbox,
  enableNetwork: checkbox,
  hooks: hooksText,
  /** The picker's choice: ids joined by commas (a form without the picker leaves them as they are). */
  mcpServerIds: z
    .string()
    .max(10_000, tooLong)
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(fields.mcpServerIds)
    .optional(),
});

export type AgentCreateInput = z.infer<typeof agentCreateSchema>;
export type AgentUpdateInput = z.infer<typeof agentUpdateSchema>;
export type AgentView = z.infer<typeof agentSchema>;
export type AgentExport = z.infer<typeof agentExportSchema>;
export type AgentFormValues = z.infer<typeof agentFormSchema>;
