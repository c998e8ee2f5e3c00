import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { agents, type Agent } from "@/db/schema";
import { AppError, notFoundError } from "@/lib/errors";
import { newId, nowIso } from "@/lib/domain/ids";
import { isUniqueViolation } from "@/db/errors";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { assertOwnServers } from "@/lib/mcp/servers";
import { getMeSettings } from "@/lib/users/settings";
import type { AgentCreateInput, AgentUpdateInput, AgentView } from "./schemas";

/** The columns an agent shows to its owner (never user_id). */
export const agentColumns = {
  id: agents.id,
  name: agents.name,
  icon: agents.icon,
  systemPrompt: agents.systemPrompt,
  defaultTask: agents.defaultTask,
  model: agents.model,
  executor: agents.executor,
  type: agents.type,
  tools: agents.tools,
  enableFileRead: agents.enableFileRead,
  enableFileWrite: agents.enableFileWrite,
  enableNetwork: agents.enableNetwork,
  hooks: agents.hooks,
  mcpServerIds: agents.mcpServerIds,
  createdAt: agents.createdAt,
  updatedAt: agents.updatedAt,
};

export function agentView(row: Pick<Agent, keyof typeof agentColumns>): AgentView {
  return { ...row, tools: row.tools ?? [], hooks: row.hooks ?? null, mcpServerIds: row.mcpServerIds ?? [] };
}

/** The user's agents, newest first, `limit` at a time; `nextCursor` is null on the last page. */
export async function listAgents(userId: string, { limit, cursor }: { limit: number; cursor?: string }) {
  const page = keyset(agents.id, { limit, cursor });
  const rows = await db()
    .select(agentColumns)
    .from(agents)
    .where(and(eq(agents.userId, userId), isNull(agents.deletedAt), page.where))
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows.map(agentView));
}

/** One of the user's agents; another user's id (or none) is not_found. */
export async function getAgent(userId: string, id: string): Promise<AgentView> {
  const [row] = await db()
    .select(agentColumns)
    .from(agents)
    .where(and(eq(agents.id, id), eq(agents.userId, userId), isNull(agents.deletedAt)))
    .limit(1);
  if (!row) throw notFoundError("agent");
  return agentView(row);
}

async function assertNameFree(userId: string, name: string, exceptId?: string) {
  const [taken] = await db()
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.userId, userId), eq(agents.name, name), isNull(agents.deletedAt), exceptId ? ne(agents.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw nameTaken(name);
}

function nameTaken(name: string) {
  const text = { key: "agent.error.nameTaken", vars: { name } };
  return new LocalizedError("conflict", text, { name: text });
}

/** The row to insert for `input` (shared with the import). */
/** An agent's fields; mcpServerIds may be left out (none). */
export type NewAgentInput = Omit<AgentCreateInput, "mcpServerIds"> & { mcpServerIds?: string[] };

export function agentRow(userId: string, input: NewAgentInput, name = input.name): typeof agents.$inferInsert {
  return {
    id: newId(),
    userId,
    name,
    icon: input.icon,
    systemPrompt: input.systemPrompt,
    defaultTask: input.defaultTask || null,
    model: input.model ?? "sonnet",
    executor: input.executor,
    type: input.type,
    tools: input.tools,
    enableFileRead: input.enableFileRead,
    enableFileWrite: input.enableFileWrite,
    enableNetwork: input.enableNetwork,
    hooks: input.hooks,
    mcpServerIds: input.mcpServerIds ?? [],
  };
}

/**
 * Creates an agent. The plan limit is checked by the INSERT itself
 * (guardedInsert), so concurrent creates cannot both take the last slot; the
 * unique index settles a name raced for by two requests.
 */
export async function createAgent(userId: string, input: NewAgentInput): Promise<AgentView> {
  await assertNameFree(userId, input.name);
  await assertOwnServers(userId, input.mcpServerIds ?? []);
  const row = agentRow(userId, { ...input, model: input.model ?? (await getMeSettings(userId)).defaultModel ?? undefined });
  try {
    const result = await db().run(guardedInsert(agents, [row], userId, planLimitCondition("agents")));
    if (result.rowsAffected === 0) throw (await planLimitError(userId, "agents")) ?? new AppError("conflict", "Please try again.");
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  return getAgent(userId, row.id!);
}

export async function updateAgent(userId: string, id: string, patch: AgentUpdateInput): Promise<AgentView> {
  await getAgent(userId, id); // not_found before anything else
  if (patch.name !== undefined) await assertNameFree(userId, patch.name, id);
  if (patch.mcpServerIds !== undefined) await assertOwnServers(userId, patch.mcpServerIds);
  const set: Partial<typeof agents.$inferInsert> = { ...patch, updatedAt: nowIso() };
  if (patch.defaultTask !== undefined) set.defaultTask = patch.defaultTask || null;
  try {
    const [row] = await db()
      .update(agents)
      .set(set)
      .where(and(eq(agents.id, id), eq(agents.userId, userId), isNull(agents.deletedAt)))
      .returning(agentColumns);
    if (!row) throw notFoundError("agent");
    return agentView(row);
  } catch (error) {
    if (isUniqueViolation(error) && patch.name !== undefined) throw nameTaken(patch.name);
    throw error;
  }
}

/**
 * Moves an agent to the trash (lib/trash) for 30 days; its name is free meanwhile. Runs and
 * tasks that used it keep their history; when it is purged their agent_id is set null.
 */
export async function deleteAgent(userId: string, id: string): Promise<void> {
  const [row] = await db()
    .update(agents)
    .set({ deletedAt: nowIso() })
    .where(and(eq(agents.id, id), eq(agents.userId, userId), isNull(agents.deletedAt)))
    .returning({ id: agents.id });
  if (!row) throw notFoundError("agent");
}
