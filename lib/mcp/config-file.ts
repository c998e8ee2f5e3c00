import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers } from "@/db/schema";
import { guardedInsert } from "@/lib/billing/limits";
import { isUniqueViolation } from "@/db/errors";
import { LocalizedError, type LocalizedText } from "@/lib/i18n/localized-error";
import { nowIso } from "@/lib/domain/ids";
import { MCP_LIMITS, mcpServerCreateSchema, type McpConfigFile, type McpServerCreateInput, type McpServerView } from "./schemas";
import { listMcpServers, mcpServerRow, mcpServerView, serverRows } from "./servers";

/**
 * `.mcp.json` (Claude Code) and `claude_desktop_config.json` (Claude Desktop)
 * both keep servers under `mcpServers`, keyed by name: `{ command, args, env }`
 * for stdio (an optional `"type": "stdio"`), `{ type: "http" | "sse", url,
 * headers }` otherwise. Other top-level keys of a Desktop config are ignored.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function problem(key: string, vars?: LocalizedText["vars"]): never {
  throw new LocalizedError("validation", { key, vars });
}

/** A config file's JSON → validated servers, or a 400 that names the server and what is wrong with it. */
export function parseMcpConfig(raw: unknown): McpServerCreateInput[] {
  if (!isObject(raw) || !("mcpServers" in raw)) problem("mcp.import.noServers");
  const servers = raw.mcpServers;
  if (!isObject(servers)) problem("mcp.import.noServers");
  const entries = Object.entries(servers);
  if (entries.length === 0) problem("mcp.import.empty");
  if (entries.length > MCP_LIMITS.servers) problem("mcp.import.tooMany", { max: MCP_LIMITS.servers });
  return entries.map(([name, entry]) => {
    if (!isObject(entry)) problem("mcp.import.notObject", { name });
    const declared = entry.type ?? (entry.url !== undefined && entry.command === undefined ? "http" : "stdio");
    const parsed = mcpServerCreateSchema.safeParse({
      name,
      transport: declared,
      command: entry.command,
      args: entry.args ?? [],
      env: entry.env ?? {},
      url: entry.url,
      headers: entry.headers ?? {},
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problem("mcp.import.field", { name, field: issue.path.map(String).join(".") || "server", problem: { key: issue.message } });
    }
    return parsed.data;
  });
}

type Statement = Parameters<ReturnType<typeof db>["batch"]>[0][number];

/** The JSON of pasted or uploaded text; not JSON is a clear 400. */
export function readMcpConfigText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    problem("mcp.import.notJson");
  }
}

/**
 * Imports a config file all-or-nothing: a name the user already has is replaced
 * (a `${NAME}` placeholder keeps that server's saved value), new names are
 * created by one INSERT that also keeps the user under MCP_LIMITS.servers.
 */
export async function importMcpConfig(userId: string, raw: unknown): Promise<{ data: McpServerView[]; created: number; updated: number }> {
  const inputs = parseMcpConfig(raw);
  const saved = new Map((await serverRows(userId, { names: inputs.map((i) => i.name) })).map((r) => [r.name, r]));
  const fresh = inputs.filter((i) => !saved.has(i.name)).map((i) => mcpServerRow(userId, i));
  const replaced = inputs.filter((i) => saved.has(i.name)).map((i) => mcpServerRow(userId, i, saved.get(i.name)));
  const statements: Statement[] = [];
  if (fresh.length) {
    const room = sql`(SELECT count(*) FROM ${mcpServers} WHERE ${mcpServers.userId} = ${userId}) + ${fresh.length} <= ${MCP_LIMITS.servers}`;
    statements.push(db().run(guardedInsert(mcpServers, fresh, userId, room)));
  }
  for (const row of replaced) {
    const { id, userId: _u, ...set } = row;
    void _u;
    statements.push(db().update(mcpServers).set({ ...set, updatedAt: nowIso() }).where(eq(mcpServers.id, id!)));
  }
  try {
    const [first] = await db().batch(statements as [Statement, ...Statement[]]);
    if (fresh.length && (first as { rowsAffected: number }).rowsAffected === 0) {
      throw new LocalizedError("forbidden", { key: "mcp.error.limit", vars: { limit: MCP_LIMITS.servers } });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw new LocalizedError("conflict", { key: "mcp.import.raced" });
    throw error;
  }
  const byName = new Map((await listMcpServers(userId)).map((s) => [s.name, s]));
  return { data: inputs.map((i) => byName.get(i.name)!), created: fresh.length, updated: replaced.length };
}

/** The user's servers in the same format, each secret value a `${NAME}` placeholder (Claude Code expands those from its environment). */
export async function exportMcpConfig(userId: string, only?: { ids: string[] }): Promise<McpConfigFile> {
  const rows = await serverRows(userId, only ? { ids: only.ids } : {});
  const placeholders = (sealed: Record<string, string>) => Object.fromEntries(Object.keys(sealed).map((k) => [k, `\${${k}}`]));
  const out: McpConfigFile = { mcpServers: {} };
  for (const row of rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const view = mcpServerView(row);
    out.mcpServers[row.name] =
      row.transport === "stdio"
        ? { command: view.command ?? "", args: view.args, ...(view.envNames.length ? { env: placeholders(row.env) } : {}) }
        : { type: row.transport, url: view.url ?? "", ...(view.headerNames.length ? { headers: placeholders(row.headers) } : {}) };
  }
  return out;
}
