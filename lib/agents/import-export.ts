import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { agents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";
import { isUniqueViolation } from "@/db/errors";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { LocalizedError, type LocalizedText } from "@/lib/i18n/localized-error";
import { exportMcpConfig, importMcpConfig } from "@/lib/mcp/config-file";
import { serverIdsByName } from "@/lib/mcp/servers";
import { agentColumns, agentRow, agentView, type NewAgentInput } from "./agents";
import { agentCreateSchema, LIMITS, type AgentExport, type AgentView } from "./schemas";

export const EXPORT_VERSION = 1;
export const MAX_IMPORT_ITEMS = 100;

/** The agent-export JSON of DESIGN.md for one agent, with its MCP servers by name (no secret values). */
export async function exportAgent(userId: string, agent: AgentView): Promise<AgentExport> {
  const servers = agent.mcpServerIds.length ? (await exportMcpConfig(userId, { ids: agent.mcpServerIds })).mcpServers : null;
  return {
    version: EXPORT_VERSION,
    exported_at: nowIso(),
    agent: {
      name: agent.name,
      icon: agent.icon,
      systemPrompt: agent.systemPrompt,
      defaultTask: agent.defaultTask,
      model: agent.model,
      enableFileRead: agent.enableFileRead,
      enableFileWrite: agent.enableFileWrite,
      enableNetwork: agent.enableNetwork,
      hooks: agent.hooks,
      ...(servers && Object.keys(servers).length ? { mcpServers: servers } : {}),
    },
  };
}

/**
 * A Content-Disposition header naming the download after the agent: browsers use the UTF-8
 * name ("Git Commit Bot.agent.json"), older clients the ASCII one (git-commit-bot.agent.json).
 */
export function exportContentDisposition(name: string): string {
  const ascii =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "agent";
  // RFC 5987: encodeURIComponent leaves ' ( ) * ! as they are; they must be escaped too.
  const utf8 = encodeURIComponent(`${name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-").slice(0, 100)}.agent.json`).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.agent.json"; filename*=UTF-8''${utf8}`;
}

// ---- Import ----

type Problem = LocalizedText;

class ItemProblem extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.key);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** camelCase (Switchboard) first, then snake_case (opcode/Claudia); remembers which spelling the file used. */
const FIELDS = {
  name: "name",
  icon: "icon",
  systemPrompt: "system_prompt",
  defaultTask: "default_task",
  model: "model",
  enableFileRead: "enable_file_read",
  enableFileWrite: "enable_file_write",
  enableNetwork: "enable_network",
  hooks: "hooks",
  // Not part of the export format, but accepted when present.
  executor: "executor",
  type: "type",
  tools: "tools",
  mcpServers: "mcp_servers",
} as const;

function toBoolean(value: unknown): unknown {
  // Older opcode exports were written from SQLite rows: 0/1 as well as true/false.
  if (value === 0 || value === 1) return value === 1;
  return value;
}

function parseHooks(value: unknown, spelling: string): unknown {
  if (typeof value !== "string") return value;
  if (value.trim() === "") return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new ItemProblem({ key: "agent.import.hooksJson", vars: { field: spelling } });
  }
}

/** An import item: the agent's fields, and its MCP servers by name (with definitions when the file has them). */
type ParsedItem = { input: NewAgentInput; servers: { names: string[]; definitions: Record<string, unknown> } };

function parseServers(value: unknown, spelling: string): ParsedItem["servers"] {
  if (value === undefined || value === null) return { names: [], definitions: {} };
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return { names: value as string[], definitions: {} };
  if (isObject(value)) return { names: Object.keys(value), definitions: value };
  throw new ItemProblem({ key: "agent.import.mcpServers", vars: { field: spelling } });
}

/** One item of an import file → the fields createAgent takes, or an ItemProblem that says what is wrong. */
function parseItem(item: unknown): ParsedItem {
  if (!isObject(item)) throw new ItemProblem({ key: "agent.import.notObject" });
  if (!("version" in item)) throw new ItemProblem({ key: "agent.import.noVersion" });
  if (item.version !== EXPORT_VERSION) {
    throw new ItemProblem({ key: "agent.import.version", vars: { version: JSON.stringify(item.version) ?? "?" } });
  }
  const source = item.agent;
  if (!isObject(source)) throw new ItemProblem({ key: "agent.import.noAgent" });

  const candidate: Record<string, unknown> = {};
  const spelling: Record<string, string> = {};
  for (const [camel, snake] of Object.entries(FIELDS)) {
    const key = source[camel] !== undefined ? camel : snake;
    if (source[key] === undefined) continue;
    spelling[camel] = key;
    let value: unknown = source[key];
    if (camel.startsWith("enable")) value = toBoolean(value);
    if (camel === "hooks") value = parseHooks(value, key);
    candidate[camel] = value;
  }
  const servers = parseServers(candidate.mcpServers, spelling.mcpServers ?? "mcpServers");
  delete candidate.mcpServers;

  const parsed = agentCreateSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "agent");
    throw new ItemProblem({ key: "agent.import.field", vars: { field: spelling[field] ?? field, problem: { key: issue.message } } });
  }
  const { mcpServerIds: _ids, ...input } = parsed.data;
  void _ids; // ids mean nothing on another server: servers come by name
  return { input, servers };
}

function itemError(index: number, total: number, item: unknown, problem: Problem): LocalizedError {
  const agent = isObject(item) && isObject(item.agent) ? item.agent : null;
  const name = agent && typeof agent.name === "string" && agent.name.trim() ? agent.name.trim().slice(0, LIMITS.name) : null;
  const vars = { index: index + 1, total, problem, ...(name ? { name } : {}) };
  return new LocalizedError("validation", { key: name ? "agent.import.itemNamed" : "agent.import.item", vars });
}

/**
 * One agent in opcode's or Switchboard's spelling, checked like an item of an import file:
 * its fields, or the problem that keeps it out (lib/imports takes the agents of an opcode
 * database one by one, skipping a bad one with this reason).
 */
export function parseAgentItem(item: unknown): { input: NewAgentInput } | { problem: LocalizedText } {
  try {
    return { input: parseItem(item).input };
  } catch (error) {
    if (error instanceof ItemProblem) return { problem: error.problem };
    throw error;
  }
}

/**
 * Reads an import file's JSON (one agent-export object or an array of them, in
 * Switchboard's camelCase or opcode's snake_case) into agent fields. Any bad
 * item refuses the whole file with a message naming it.
 */
export function parseAgentImport(raw: unknown): ParsedItem[] {
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) throw new LocalizedError("validation", { key: "agent.import.empty" });
  if (items.length > MAX_IMPORT_ITEMS) {
    throw new LocalizedError("validation", { key: "agent.import.tooMany", vars: { max: MAX_IMPORT_ITEMS } });
  }
  return items.map((item, index) => {
    try {
      return parseItem(item);
    } catch (error) {
      if (error instanceof ItemProblem) throw itemError(index, items.length, item, error.problem);
      throw error;
    }
  });
}

/** The JSON of an uploaded file; not-JSON is a clear 400. */
export function readImportText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    throw new LocalizedError("validation", { key: "agent.import.notJson" });
  }
}

/**
 * The ids of each item's MCP servers: a name the user already has is that server (never
 * changed); a missing one is created from the file's definition (without secrets, which the
 * user fills in at /settings/mcp). A missing name without a definition refuses the file.
 */
async function resolveImportServers(userId: string, items: ParsedItem[]): Promise<string[][]> {
  const names = [...new Set(items.flatMap((i) => i.servers.names))];
  let ids = await serverIdsByName(userId, names);
  const toCreate: Record<string, unknown> = {};
  for (const name of names) {
    if (ids.has(name)) continue;
    const definition = items.map((i) => i.servers.definitions[name]).find((d) => d !== undefined);
    if (definition === undefined) throw new LocalizedError("validation", { key: "agent.import.mcpMissing", vars: { name } });
    toCreate[name] = definition;
  }
  if (Object.keys(toCreate).length) {
    await importMcpConfig(userId, { mcpServers: toCreate });
    ids = await serverIdsByName(userId, names);
  }
  return items.map((i) => i.servers.names.map((n) => ids.get(n)!).filter(Boolean));
}

/** "Name" if free, else "Name (Imported)", then "Name (Imported 2)", ... within the name length limit. */
export function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (Imported)" : ` (Imported ${n})`;
    const candidate = name.slice(0, LIMITS.name - suffix.length).trimEnd() + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Imports agents all-or-nothing: every item is validated first, then all are
 * inserted by ONE statement that also checks the plan limit (imports count),
 * so a file is never half imported. A name the user already has becomes
 * "<name> (Imported)".
 */
export async function importAgents(userId: string, raw: unknown): Promise<AgentView[]> {
  const items = parseAgentImport(raw);
  const serverIds = await resolveImportServers(userId, items);
  const inputs = items.map((item, i) => ({ ...item.input, mcpServerIds: serverIds[i]! }));
  const early = await planLimitError(userId, "agents", inputs.length);
  if (early) throw early;
  for (let attempt = 0; ; attempt++) {
    const existing = await db().select({ name: agents.name }).from(agents).where(eq(agents.userId, userId));
    const taken = new Set(existing.map((a) => a.name));
    const rows = inputs.map((input) => {
      const name = freeName(input.name, taken);
      taken.add(name);
      return agentRow(userId, input, name);
    });
    try {
      const result = await db().run(guardedInsert(agents, rows, userId, planLimitCondition("agents", rows.length)));
      if (result.rowsAffected === 0) {
        throw (await planLimitError(userId, "agents", rows.length)) ?? new AppError("conflict", "Please try again.");
      }
    } catch (error) {
      // A name taken meanwhile by another request: pick names again.
      if (isUniqueViolation(error) && attempt < 2) continue;
      throw error;
    }
    const ids = rows.map((r) => r.id!);
    const created = await db()
      .select(agentColumns)
      .from(agents)
      .where(and(eq(agents.userId, userId), inArray(agents.id, ids)));
    const byId = new Map(created.map((row) => [row.id, agentView(row)]));
    return ids.map((id) => byId.get(id)!);
  }
}
