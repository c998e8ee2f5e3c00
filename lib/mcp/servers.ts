import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agents, mcpServers, users, type McpServer } from "@/db/schema";
import { guardedInsert } from "@/lib/billing/limits";
import { isUniqueViolation } from "@/db/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { newId, nowIso } from "@/lib/domain/ids";
import { MCP_LIMITS, mcpServerCreateSchema, type McpServerCreateInput, type McpServerUpdateInput, type McpServerView } from "./schemas";

/**
 * A user's MCP servers (/settings/mcp, /api/v1/mcp-servers). The values of
 * `env` and `headers` are secrets: each is stored encrypted (encryptSecret,
 * like provider keys) and leaves the server only inside a run's private
 * config file (lib/mcp/launch.ts) or a Check. What the app shows is names.
 */

/** Columns that may be read for display: the ciphertexts are read only to list their names. */
const columns = {
  id: mcpServers.id,
  name: mcpServers.name,
  transport: mcpServers.transport,
  command: mcpServers.command,
  args: mcpServers.args,
  env: mcpServers.env,
  url: mcpServers.url,
  headers: mcpServers.headers,
  createdAt: mcpServers.createdAt,
  updatedAt: mcpServers.updatedAt,
};
type Row = Pick<McpServer, keyof typeof columns>;

export function mcpServerView(row: Row): McpServerView {
  const stdio = row.transport === "stdio";
  return {
    id: row.id,
    name: row.name,
    transport: row.transport,
    command: stdio ? row.command : null,
    args: stdio ? (row.args ?? []) : [],
    envNames: stdio ? Object.keys(row.env ?? {}) : [],
    url: stdio ? null : row.url,
    headerNames: stdio ? [] : Object.keys(row.headers ?? {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Plain values → stored ciphertexts; a null (or a `${NAME}` placeholder, as exports write) keeps the saved value of that name. */
export function sealSecrets(values: Record<string, string | null>, saved: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const keep = value === null || value === `\${${name}}`;
    if (keep && saved[name] !== undefined) out[name] = saved[name]!;
    else out[name] = encryptSecret(value ?? "");
  }
  return out;
}

/** Stored ciphertexts → plain values, for a run's config or a Check only. */
export function openSecrets(sealed: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(sealed)) {
    try {
      out[name] = decryptSecret(value);
    } catch {
      throw new LocalizedError("validation", { key: "mcp.error.unreadable", vars: { name } });
    }
  }
  return out;
}

function nameTaken(name: string) {
  const text = { key: "mcp.error.nameTaken", vars: { name } };
  return new LocalizedError("conflict", text, { name: text });
}

export async function listMcpServers(userId: string): Promise<McpServerView[]> {
  const rows = await db().select(columns).from(mcpServers).where(eq(mcpServers.userId, userId)).orderBy(asc(mcpServers.name));
  return rows.map(mcpServerView);
}

async function getRow(userId: string, id: string): Promise<Row> {
  const [row] = await db()
    .select(columns)
    .from(mcpServers)
    .where(and(eq(mcpServers.id, id), eq(mcpServers.userId, userId)))
    .limit(1);
  if (!row) throw notFoundError("MCP server");
  return row;
}

export async function getMcpServer(userId: string, id: string): Promise<McpServerView> {
  return mcpServerView(await getRow(userId, id));
}

/** The row to store for a validated server (shared with the import). */
export function mcpServerRow(userId: string, input: McpServerCreateInput, saved?: Row): typeof mcpServers.$inferInsert {
  const stdio = input.transport === "stdio";
  return {
    id: saved?.id ?? newId(),
    userId,
    name: input.name,
    transport: input.transport,
    command: stdio ? (input.command ?? "") : "",
    args: stdio ? input.args : [],
    env: stdio ? sealSecrets(input.env, saved?.env) : {},
    url: stdio ? null : (input.url ?? null),
    headers: stdio ? {} : sealSecrets(input.headers, saved?.headers),
  };
}

/** The condition that keeps a user below MCP_LIMITS.servers, inside the INSERT itself. */
function roomFor(adding: number) {
  return sql`(SELECT count(*) FROM ${mcpServers} WHERE ${mcpServers.userId} = ${users.id}) + ${adding} <= ${MCP_LIMITS.servers}`;
}

function tooMany() {
  return new LocalizedError("forbidden", { key: "mcp.error.limit", vars: { limit: MCP_LIMITS.servers } });
}

export async function createMcpServer(userId: string, input: McpServerCreateInput): Promise<McpServerView> {
  const row = mcpServerRow(userId, input);
  try {
    const result = await db().run(guardedInsert(mcpServers, [row], userId, roomFor(1)));
    if (result.rowsAffected === 0) throw tooMany();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  return getMcpServer(userId, row.id!);
}

/** Applies a patch: the result is validated as a whole (a switch to http needs a url), secrets kept where asked. */
export async function updateMcpServer(userId: string, id: string, patch: McpServerUpdateInput): Promise<McpServerView> {
  const saved = await getRow(userId, id);
  const keepAll = (sealed: Record<string, string>) => Object.fromEntries(Object.keys(sealed).map((k) => [k, null]));
  const merged = mcpServerCreateSchema.safeParse({
    name: patch.name ?? saved.name,
    transport: patch.transport ?? saved.transport,
    command: patch.command ?? (saved.command || undefined),
    args: patch.args ?? saved.args,
    env: patch.env ?? keepAll(saved.env),
    url: patch.url === null ? undefined : (patch.url ?? saved.url ?? undefined),
    headers: patch.headers ?? keepAll(saved.headers),
  });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    const field = String(issue.path[0] ?? "_");
    throw new LocalizedError("validation", { key: issue.message }, { [field]: { key: issue.message } });
  }
  const { id: _id, userId: _user, ...set } = mcpServerRow(userId, merged.data, saved);
  void _id;
  void _user;
  try {
    const [row] = await db()
      .update(mcpServers)
      .set({ ...set, updatedAt: nowIso() })
      .where(and(eq(mcpServers.id, id), eq(mcpServers.userId, userId)))
      .returning(columns);
    if (!row) throw notFoundError("MCP server");
    return mcpServerView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(merged.data.name);
    throw error;
  }
}

/** Deletes a server and takes it off the user's agents, in one transaction. */
export async function deleteMcpServer(userId: string, id: string): Promise<void> {
  const [deleted] = await db().batch([
    db()
      .delete(mcpServers)
      .where(and(eq(mcpServers.id, id), eq(mcpServers.userId, userId)))
      .returning({ id: mcpServers.id }),
    db()
      .update(agents)
      .set({ mcpServerIds: sql`(SELECT json_group_array(value) FROM json_each(${agents.mcpServerIds}) WHERE value != ${id})` })
      .where(and(eq(agents.userId, userId), sql`EXISTS (SELECT 1 FROM json_each(${agents.mcpServerIds}) WHERE value = ${id})`)),
  ]);
  if (deleted.length === 0) throw notFoundError("MCP server");
}

/** Every id must be one of the user's servers (an agent's picker, an API call); anything else is a 400 naming it. */
export async function assertOwnServers(userId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db()
    .select({ id: mcpServers.id })
    .from(mcpServers)
    .where(and(eq(mcpServers.userId, userId), inArray(mcpServers.id, ids)));
  const mine = new Set(rows.map((r) => r.id));
  const missing = ids.find((id) => !mine.has(id));
  if (missing) {
    const text = { key: "mcp.error.unknownServer", vars: { id: missing } };
    throw new LocalizedError("validation", text, { mcpServerIds: text });
  }
}

/** The user's servers by name → id (agent import carries servers by name). */
export async function serverIdsByName(userId: string, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db()
    .select({ id: mcpServers.id, name: mcpServers.name })
    .from(mcpServers)
    .where(and(eq(mcpServers.userId, userId), inArray(mcpServers.name, names)));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Names of the user's servers with these ids, in the given order (agent export). */
export async function serverNames(userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select({ id: mcpServers.id, name: mcpServers.name })
    .from(mcpServers)
    .where(and(eq(mcpServers.userId, userId), inArray(mcpServers.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => byId.get(id)).filter((n): n is string => !!n);
}

/** Full rows (secrets still sealed) of the user's servers, for import's replace-by-name and for launching. */
export async function serverRows(userId: string, where: { ids?: string[]; names?: string[]; exceptId?: string }): Promise<Row[]> {
  const conditions = [eq(mcpServers.userId, userId)];
  if (where.ids) conditions.push(inArray(mcpServers.id, where.ids.length ? where.ids : [""]));
  if (where.names) conditions.push(inArray(mcpServers.name, where.names.length ? where.names : [""]));
  if (where.exceptId) conditions.push(ne(mcpServers.id, where.exceptId));
  return db().select(columns).from(mcpServers).where(and(...conditions));
}

