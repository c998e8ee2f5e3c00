import { z } from "zod";

/*
 * MCP server schemas shared by the API, the /settings/mcp form and the OpenAPI
 * description. No "server-only" and no runtime import of db/: client
 * components import this file. Messages are i18n keys (lib/i18n/messages/mcp.ts).
 */

export const MCP_TRANSPORTS = ["stdio", "http", "sse"] as const;
export const MCP_LIMITS = { name: 64, command: 1000, arg: 4000, args: 100, url: 2000, value: 8000, entries: 50, servers: 100 };

const tooLong = { message: "errors.tooLong" };
/** Claude Code names tools mcp__<server>__<tool> and Codex keys them in TOML: plain names only. */
export const MCP_NAME = /^[A-Za-z0-9_-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const mcpName = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, { message: "errors.required" })
  .max(MCP_LIMITS.name, tooLong)
  .regex(MCP_NAME, { message: "mcp.error.name" });

const url = z
  .string({ message: "mcp.error.url" })
  .trim()
  .max(MCP_LIMITS.url, tooLong)
  .refine((value) => {
    try {
      const u = new URL(value);
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
    } catch {
      return false;
    }
  }, { message: "mcp.error.url" });

/** name → value; a null value (on update) keeps the value saved under that name. */
function secretMap(names: RegExp, nameMessage: string) {
  return z
    .record(z.string(), z.string({ message: "mcp.error.value" }).max(MCP_LIMITS.value, tooLong).nullable(), { message: "mcp.error.map" })
    .superRefine((map, ctx) => {
      const keys = Object.keys(map);
      if (keys.length > MCP_LIMITS.entries) ctx.addIssue({ code: "custom", message: "mcp.error.tooMany" });
      const bad = keys.find((k) => !names.test(k));
      if (bad !== undefined) ctx.addIssue({ code: "custom", path: [bad], message: nameMessage });
    });
}

const fields = {
  name: mcpName,
  transport: z.enum(MCP_TRANSPORTS, { message: "mcp.error.transport" }),
  command: z.string({ message: "errors.required" }).trim().max(MCP_LIMITS.command, tooLong),
  args: z
    .array(z.string({ message: "mcp.error.args" }).max(MCP_LIMITS.arg, tooLong), { message: "mcp.error.args" })
    .max(MCP_LIMITS.args, { message: "mcp.error.tooMany" }),
  env: secretMap(ENV_NAME, "mcp.error.envName").describe("Variable name → value. Values are secrets: stored encrypted, never sent back. On update, null keeps the saved value."),
  url,
  headers: secretMap(HEADER_NAME, "mcp.error.headerName").describe("Header name → value. Values are secrets: stored encrypted, never sent back. On update, null keeps the saved value."),
};

/** POST /api/v1/mcp-servers. stdio needs `command`; http and sse need `url`. */
export const mcpServerCreateSchema = z
  .object({
    name: fields.name,
    transport: fields.transport.default("stdio"),
    command: fields.command.optional(),
    args: fields.args.default([]),
    env: fields.env.default({}),
    url: fields.url.optional(),
    headers: fields.headers.default({}),
  })
  .superRefine((value, ctx) => {
    if (value.transport === "stdio" && !value.command) ctx.addIssue({ code: "custom", path: ["command"], message: "mcp.error.command" });
    if (value.transport !== "stdio" && !value.url) ctx.addIssue({ code: "custom", path: ["url"], message: "mcp.error.url" });
  });

/** PATCH /api/v1/mcp-servers/:id: any subset; `env`/`headers` given replace the whole map (null values keep saved ones). */
export const mcpServerUpdateSchema = z.object({
  name: fields.name.optional(),
  transport: fields.transport.optional(),
  command: fields.command.optional(),
  args: fields.args.optional(),
  env: fields.env.optional(),
  url: fields.url.nullable().optional(),
  headers: fields.headers.optional(),
});

/** An MCP server as the API returns it: secret values never, only their names. */
export const mcpServerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    transport: z.enum(MCP_TRANSPORTS),
    command: z.string().nullable().describe("stdio only"),
    args: z.array(z.string()),
    envNames: z.array(z.string()).describe("Names of the saved environment variables (values are never sent back)."),
    url: z.string().nullable().describe("http and sse only"),
    headerNames: z.array(z.string()).describe("Names of the saved headers (values are never sent back)."),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "McpServer", description: "An MCP server an agent can be given." });

/** The `.mcp.json` / Claude Desktop format (import and export). */
export const mcpConfigFileSchema = z
  .object({
    mcpServers: z.record(
      z.string(),
      z.object({
        type: z.enum(MCP_TRANSPORTS).optional(),
        command: z.string().optional(),
        args: z.array(z.string()).optional(),
        env: z.record(z.string(), z.string()).optional(),
        url: z.string().optional(),
        headers: z.record(z.string(), z.string()).optional(),
      }),
    ),
  })
  .meta({
    id: "McpConfigFile",
    description:
      "A `.mcp.json` or Claude Desktop config: `{ mcpServers: { <name>: { command, args, env } | { type, url, headers } } }`. Exported secret values are `${NAME}` placeholders; importing one for a server you already have keeps its saved value.",
  });

/**
 * POST /api/v1/mcp-servers/import body: taken as any JSON and checked server by server in
 * lib/mcp/config-file.ts, so a bad one gets a message naming it; documented as McpConfigFile.
 */
export const mcpImportBodySchema = z.unknown().meta({
  description: "A `.mcp.json` or Claude Desktop config object (see McpConfigFile); other top-level keys are ignored.",
});

export const mcpImportResponseSchema = z.object({
  data: z.array(mcpServerSchema).describe("The servers created or replaced, in file order."),
  created: z.number().int(),
  updated: z.number().int(),
});

export const mcpCheckResponseSchema = z
  .object({
    ok: z.boolean(),
    serverName: z.string().nullable().describe("What the server calls itself (initialize's serverInfo.name)."),
    tools: z.array(z.object({ name: z.string(), description: z.string().nullable() })),
    error: z.string().nullable().describe("Why the check failed, as a sentence."),
    elapsedMs: z.number().int(),
  })
  .meta({ id: "McpCheck", description: "The result of starting or calling a server and listing its tools." });

// ---- The /settings/mcp form: plain strings from FormData. ----

/** "NAME=value" (or "Name: value" for headers) per line; a name alone keeps its saved value (null). */
function secretLines(separator: RegExp) {
  return z
    .string()
    .max(100_000, tooLong)
    .optional()
    .transform((text, ctx) => {
      const map: Record<string, string | null> = {};
      for (const line of (text ?? "").split(/\r?\n/)) {
        if (!line.trim()) continue;
        const match = separator.exec(line);
        const name = (match ? line.slice(0, match.index) : line).trim();
        if (!name) {
          ctx.addIssue({ code: "custom", message: "mcp.field.lineError" });
          return z.NEVER;
        }
        map[name] = match ? line.slice(match.index + match[0].length).trim() : null;
      }
      return map;
    });
}

/** The add/edit form; the action checks the result with mcpServerCreateSchema / updateMcpServer. */
export const mcpServerFormSchema = z.object({
  id: z.string().optional(),
  name: fields.name,
  transport: fields.transport,
  command: z.string().max(MCP_LIMITS.command, tooLong).optional(),
  args: z
    .string()
    .max(100_000, tooLong)
    .optional()
    .transform((v) => (v ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean)),
  envSecret: secretLines(/=/),
  url: z.string().max(MCP_LIMITS.url, tooLong).optional(),
  headersSecret: secretLines(/:/),
});

export type McpServerCreateInput = z.infer<typeof mcpServerCreateSchema>;
export type McpServerUpdateInput = z.infer<typeof mcpServerUpdateSchema>;
export type McpServerView = z.infer<typeof mcpServerSchema>;
export type McpConfigFile = z.infer<typeof mcpConfigFileSchema>;
export type McpCheckResult = z.infer<typeof mcpCheckResponseSchema>;
