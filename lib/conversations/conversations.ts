import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, agents, conversations, jobs, messages, projects } from "@/db/schema";
import { getAgent } from "@/lib/agents/agents";
import { AppError, notFoundError } from "@/lib/errors";
import { newId, nowIso } from "@/lib/domain/ids";
import { getProject } from "@/lib/projects/projects";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import { cancelJob } from "@/lib/queue/queue";
import { cancelRun } from "@/lib/runs/lifecycle";
import { getRunForUser } from "@/lib/runs/runs";
import { createAgentTurn } from "@/lib/runs/turns";
import { projectNotTrashed } from "@/lib/trash/visible";
import { replyMessages } from "./reply";
import type { ConversationCreateInput, ConversationListQuery, ConversationView, MessageView } from "./schemas";

export const RUN_CONVERSATION_JOB = "run_conversation";

/** The columns a conversation shows to its owner. */
const conversationColumns = {
  id: conversations.id,
  title: conversations.title,
  agentId: conversations.agentId,
  agentName: agents.name,
  projectId: conversations.projectId,
  projectName: projects.name,
  sessionId: conversations.sessionId,
  status: conversations.status,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
};

export const messageColumns = {
  id: messages.id,
  role: messages.role,
  content: messages.content,
  runId: messages.runId,
  toolName: messages.toolName,
  toolInput: messages.toolInput,
  status: messages.status,
  createdAt: messages.createdAt,
};

type Row = Omit<ConversationView, "status"> & { status: "idle" | "queued" | "running" };
/** "queued" is the job's own business: to a person a conversation with a message waiting is running. */
const present = (row: Row): ConversationView => ({ ...row, status: row.status === "idle" ? "idle" : "running" });

function selectConversations() {
  return db()
    .select(conversationColumns)
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .leftJoin(projects, eq(projects.id, conversations.projectId));
}

/** A conversation that is not in the trash, nor under a project that is (for selectConversations). */
const notTrashed = () => and(isNull(conversations.deletedAt), isNull(projects.deletedAt));

/** The same for a query on conversations alone. */
export const conversationRowNotTrashed = () => and(isNull(conversations.deletedAt), projectNotTrashed(conversations.projectId));

/** One of the user's conversations; another user's (or none, or one in the trash) is not_found. */
export async function getConversation(userId: string, id: string): Promise<ConversationView> {
  const [row] = await selectConversations()
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId), notTrashed()))
    .limit(1);
  if (!row) throw notFoundError("conversation");
  return present(row);
}

/** The user's conversations, newest activity first, filtered; the cursor is `<updatedAt>|<id>` of the last one. */
export async function listConversations(userId: string, query: ConversationListQuery) {
  const [at, id] = query.cursor?.split("|") ?? [];
  const after = at && id ? or(lt(conversations.updatedAt, at), and(eq(conversations.updatedAt, at), lt(conversations.id, id))) : undefined;
  const search = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await selectConversations()
    .where(
      and(
        eq(conversations.userId, userId),
        notTrashed(),
        search ? sql`${conversations.title} LIKE ${search} ESCAPE '\\'` : undefined,
        query.agentId ? eq(conversations.agentId, query.agentId) : undefined,
        query.projectId ? eq(conversations.projectId, query.projectId) : undefined,
        after,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(query.limit + 1);
  const data = rows.slice(0, query.limit).map(present);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > query.limit && last ? `${last.updatedAt}|${last.id}` : null };
}


/** Start a conversation with one of the user's agents on one of their projects. */
export async function createConversation(userId: string, input: ConversationCreateInput, extra: Partial<typeof conversations.$inferInsert> = {}) {
  const [agent, project] = await Promise.all([getAgent(userId, input.agentId), getProject(userId, input.projectId)]);
  const id = newId();
  await db().insert(conversations).values({ id, userId, agentId: agent.id, projectId: project.id, title: input.title ?? "", ...extra });
  return getConversation(userId, id);
}

export async function renameConversation(userId: string, id: string, title: string) {
  await getConversation(userId, id);
  await db().update(conversations).set({ title, updatedAt: nowIso() }).where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  return getConversation(userId, id);
}

/**
 * Moves a conversation to the trash (lib/trash) for 30 days, with its messages and
 * checkpoints out of sight, stopping its turn first. The runs of its turns stay in /runs.
 */
export async function deleteConversation(userId: string, id: string) {
  await stopConversation(userId, id);
  const trashed = await db()
    .update(conversations)
    .set({ deletedAt: nowIso() })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId), isNull(conversations.deletedAt)))
    .returning({ id: conversations.id });
  if (trashed.length === 0) throw notFoundError("conversation");
}

/** Deletes a trashed conversation for good (the trash's purge): its messages and checkpoints go with it. */
export async function purgeConversation(userId: string, id: string): Promise<boolean> {
  const deleted = await db()
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId), sql`${conversations.deletedAt} IS NOT NULL`))
    .returning({ id: conversations.id });
  return deleted.length > 0;
}

/** Messages oldest first; the cursor is the `position` of the last one on the page. */
export async function listMessages(userId: string, conversationId: string, page: { limit: number; cursor?: string }) {
  await getConversation(userId, conversationId);
  const rows = await db()
    .select({ ...messageColumns, position: messages.position })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), page.cursor ? gt(messages.position, page.cursor) : undefined))
    .orderBy(asc(messages.position))
    .limit(page.limit + 1);
  const data: MessageView[] = rows.slice(0, page.limit).map(({ position: _p, ...m }) => m);
  return { data, nextCursor: rows.length > page.limit ? rows[page.limit - 1]!.position : null };
}

/**
 * A job for the conversation, inserted only when this caller's own UPDATE in the same batch
 * left it queued (its updated_at is `stamp`). A duplicate is harmless: the job claims the
 * conversation queued -> running first and skips when it cannot.
 */
export function insertJobIfQueued(conversationId: string, userId: string, stamp: string) {
  return db().run(sql`
    INSERT INTO ${jobs} (id, user_id, type, payload, priority, max_attempts, run_at, created_at, updated_at)
    SELECT ${newId()}, ${userId}, ${RUN_CONVERSATION_JOB}, ${JSON.stringify({ conversationId })}, 0, 1, ${stamp}, ${stamp}, ${stamp}
    WHERE EXISTS (SELECT 1 FROM ${conversations} WHERE ${conversations.id} = ${conversationId}
      AND ${conversations.status} = 'queued' AND ${conversations.updatedAt} = ${stamp})`);
}

/**
 * Send a message: its run is created now (queued, so the plan's monthly limit answers at
 * once with a 403 and the caller can stream it), and the message waits for the
 * conversation's job, which runs turns one at a time, in order. An idle conversation gets
 * a job in the same transaction as the message; a busy one's job finds the message next.
 */
export async function sendMessage(userId: string, conversationId: string, content: string) {
  const [conv] = await db()
    .select({ agentId: conversations.agentId, projectId: conversations.projectId, title: conversations.title })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId), conversationRowNotTrashed()))
    .limit(1);
  if (!conv) throw notFoundError("conversation");
  if (!conv.agentId || !conv.projectId) throw new AppError("conflict", "This conversation's agent or project was deleted; start a new conversation.");
  const agent = await getAgent(userId, conv.agentId);
  const runId = await createAgentTurn(userId, { agent, projectId: conv.projectId, prompt: content, conversationId, from: { source: "conversation", sourceId: conversationId } });
  const id = newId();
  const stamp = nowIso();
  const title = conv.title || content.split("\n")[0]!.slice(0, 80);
  await db().batch([
    db().insert(messages).values({ id, conversationId, role: "user", content, runId, status: "queued", position: id, createdAt: stamp }),
    db()
      .update(conversations)
      .set({ title, status: sql`CASE WHEN ${conversations.status} = 'idle' THEN 'queued' ELSE ${conversations.status} END`, updatedAt: stamp })
      .where(eq(conversations.id, conversationId)),
    insertJobIfQueued(conversationId, userId, stamp),
  ]);
  notifyJobsAvailable();
  const [message] = await db().select(messageColumns).from(messages).where(eq(messages.id, id)).limit(1);
  return { message: message!, run: await getRunForUser(userId, runId) };
}

/**
 * Stop: the turn running now is cancelled (its job is aborted, so the agent's process
 * group is killed) and the messages waiting behind it are withdrawn with their runs.
 */
export async function stopConversation(userId: string, conversationId: string) {
  await getConversation(userId, conversationId);
  const convJobs = await db()
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.type, RUN_CONVERSATION_JOB), inArray(jobs.status, ["pending", "running"]), sql`json_extract(${jobs.payload}, '$.conversationId') = ${conversationId}`));
  for (const job of convJobs) await cancelJob(job.id, { userId }).catch(() => undefined);
  const open = await db()
    .select({ id: messages.id, runId: messages.runId })
    .from(messages)
    .innerJoin(agentRuns, eq(agentRuns.id, messages.runId))
    .where(and(eq(messages.conversationId, conversationId), eq(messages.role, "user"), inArray(agentRuns.status, ["queued", "running"])));
  for (const m of open) if (m.runId) await cancelRun(userId, m.runId).catch(() => undefined);
  await db().batch([
    db().update(messages).set({ status: "cancelled" }).where(and(eq(messages.conversationId, conversationId), eq(messages.status, "queued"))),
    db().update(conversations).set({ status: "idle", updatedAt: nowIso() }).where(eq(conversations.id, conversationId)),
  ]);
  return getConversation(userId, conversationId);
}

/**
 * "Continue in chat" on a finished claude-code run: a conversation holding the run's task
 * and reply, with the run's session, so the next message resumes it.
 */
export async function continueRunInChat(userId: string, runId: string): Promise<string> {
  const [run] = await db()
    .select({ agentId: agentRuns.agentId, projectId: agentRuns.projectId, task: agentRuns.task, status: agentRuns.status, sessionId: agentRuns.sessionId, executor: agentRuns.executor })
    .from(agentRuns)
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.userId, userId), projectNotTrashed(agentRuns.projectId)))
    .limit(1);
  if (!run) throw notFoundError("run");
  if (run.executor !== "claude-code" || !run.sessionId || run.status === "queued" || run.status === "running") {
    throw new AppError("conflict", "Only a finished claude-code run with a session can continue in chat.");
  }
  if (!run.agentId) throw new AppError("conflict", "This run's agent was deleted.");
  const id = newId();
  const promptId = newId();
  const reply = await replyMessages(id, { position: promptId }, runId, null);
  await db().batch([
    db().insert(conversations).values({ id, userId, agentId: run.agentId, projectId: run.projectId, title: run.task.split("\n")[0]!.slice(0, 80), sessionId: run.sessionId }),
    db().insert(messages).values([{ id: promptId, conversationId: id, role: "user", content: run.task, runId, position: promptId }, ...reply]),
  ]);
  return id;
}

/** The runs of a conversation's turns (status, tokens, cost), for the page's per-turn figures and live view. */
export async function turnRuns(userId: string, runIds: string[]) {
  if (runIds.length === 0) return [];
  return db()
    .select({
      id: agentRuns.id,
      status: agentRuns.status,
      exitCode: agentRuns.exitCode,
      error: agentRuns.error,
      inputTokens: agentRuns.inputTokens,
      outputTokens: agentRuns.outputTokens,
      cacheReadTokens: agentRuns.cacheReadTokens,
      cacheWriteTokens: agentRuns.cacheWriteTokens,
      costUsd: agentRuns.costUsd,
      startedAt: agentRuns.startedAt,
      completedAt: agentRuns.completedAt,
    })
    .from(agentRuns)
    .where(and(eq(agentRuns.userId, userId), inArray(agentRuns.id, [...new Set(runIds)])));
}

/** The newest `limit` messages before `before` (a position), oldest first: what the page shows, with whether earlier ones exist. */
export async function latestMessages(userId: string, conversationId: string, limit: number, before?: string) {
  await getConversation(userId, conversationId);
  const rows = await db()
    .select({ ...messageColumns, position: messages.position })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), before ? lt(messages.position, before) : undefined))
    .orderBy(desc(messages.position))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  return { data: page.map(({ position: _p, ...m }): MessageView => m), earlier: rows.length > limit ? page[0]!.position : null };
}
