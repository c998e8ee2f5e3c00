import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, conversations, messages, type Job } from "@/db/schema";
import { checkpointAfterTurn } from "@/lib/checkpoints/checkpoints";
import { nowIso } from "@/lib/domain/ids";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import type { JobContext, JobDefinition } from "@/lib/queue/types";
import { executeRun, interruptRun } from "@/lib/runs/execute";
import type { RunInput } from "@/lib/runs/lifecycle";
import { insertJobIfQueued } from "./conversations";
import { replyMessages } from "./reply";

/**
 * The run_conversation job: runs a conversation's waiting messages one at a time, in
 * order, each as its own run (created when the message was sent), continuing the
 * executor's session; stores each reply as messages and takes a checkpoint after it.
 * The same pattern as an attempt's follow-ups (lib/attempts/run-attempt.ts): a message
 * sent while a turn runs is found by this loop, and the conversation only goes idle in a
 * statement that checks no message is waiting, so none is lost.
 */

const conversationIdOf = (job: Job) => String((job.payload as { conversationId?: unknown }).conversationId ?? "");

/** Takes the oldest waiting message (marking it sent), or null when none is left. */
async function takeMessage(conversationId: string): Promise<{ id: string; runId: string | null; position: string } | null> {
  const [next] = await db()
    .select({ id: messages.id, runId: messages.runId, position: messages.position })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.status, "queued")))
    .orderBy(asc(messages.position))
    .limit(1);
  if (!next) return null;
  const taken = await db().update(messages).set({ status: "sent" }).where(and(eq(messages.id, next.id), eq(messages.status, "queued"))).returning({ id: messages.id });
  return taken.length ? next : takeMessage(conversationId);
}

async function idleIfNothingWaits(conversationId: string): Promise<boolean> {
  const rows = await db()
    .update(conversations)
    .set({ status: "idle" })
    .where(
      and(
        eq(conversations.id, conversationId),
        eq(conversations.status, "running"),
        sql`NOT EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.conversationId} = ${conversationId} AND ${messages.status} = 'queued')`,
      ),
    )
    .returning({ id: conversations.id });
  return rows.length > 0;
}

async function isRunning(conversationId: string) {
  const [row] = await db().select({ status: conversations.status }).from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  return row?.status === "running";
}

/** Continue the conversation's session: its id (and, right after a fork, --fork-session) go into the run's input now, when it is known. */
async function prepareTurn(conversationId: string, runId: string) {
  const [conv] = await db()
    .select({ sessionId: conversations.sessionId, forkSession: conversations.forkSession, input: agentRuns.input })
    .from(conversations)
    .innerJoin(agentRuns, eq(agentRuns.id, runId))
    .where(eq(conversations.id, conversationId))
    .limit(1);
  if (!conv) return;
  const input: RunInput = { ...(conv.input as RunInput), resumeSessionId: conv.sessionId ?? undefined, forkSession: conv.forkSession && !!conv.sessionId };
  await db().update(agentRuns).set({ input }).where(and(eq(agentRuns.id, runId), eq(agentRuns.status, "queued")));
}

async function turn(userId: string, conversationId: string, prompt: { id: string; runId: string; position: string }, signal: AbortSignal) {
  await prepareTurn(conversationId, prompt.runId);
  const outcome = await executeRun(prompt.runId, signal);
  if (outcome.status === "skipped") return outcome; // cancelled before it started
  const reply = await replyMessages(conversationId, prompt, prompt.runId, outcome.status === "failed" ? outcome.error : null);
  const at = nowIso();
  const update = db()
    .update(conversations)
    .set({ updatedAt: at, ...(outcome.sessionId ? { sessionId: outcome.sessionId, forkSession: false } : {}) })
    .where(eq(conversations.id, conversationId));
  // The reply and the session it ended in land together.
  if (reply.length) await db().batch([db().insert(messages).values(reply.map((m) => ({ ...m, createdAt: at }))), update]);
  else await update;
  if (outcome.status !== "cancelled") await checkpointAfterTurn(userId, conversationId, prompt.runId);
  return outcome;
}

async function runConversation({ job, signal }: JobContext) {
  const conversationId = conversationIdOf(job);
  const claimed = await db()
    .update(conversations)
    .set({ status: "running" })
    .where(and(eq(conversations.id, conversationId), eq(conversations.status, "queued")))
    .returning({ userId: conversations.userId });
  if (!claimed[0]) return { skipped: true };
  const { userId } = claimed[0];
  let turns = 0;
  for (;;) {
    const next = await takeMessage(conversationId);
    if (!next) {
      if (await idleIfNothingWaits(conversationId)) return { turns };
      // A message arrived between the two statements (run it too), or the conversation was stopped.
      if (signal.aborted || !(await isRunning(conversationId))) return { turns, stopped: true };
      continue;
    }
    if (!next.runId) continue;
    const outcome = await turn(userId, conversationId, { ...next, runId: next.runId }, signal);
    turns++;
    if (signal.aborted) return { turns, stopped: true };
    void outcome;
  }
}

/** The worker died mid-turn: that run fails as interrupted; messages still waiting get a new job. */
async function onConversationInterrupted(job: Job) {
  const conversationId = conversationIdOf(job);
  const running = await db()
    .select({ runId: messages.runId })
    .from(messages)
    .innerJoin(agentRuns, eq(agentRuns.id, messages.runId))
    .where(and(eq(messages.conversationId, conversationId), eq(agentRuns.status, "running")));
  for (const r of running) if (r.runId) await interruptRun(r.runId);
  const stamp = nowIso();
  const [conv] = await db().select({ userId: conversations.userId }).from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  if (!conv) return;
  await db().batch([
    db()
      .update(conversations)
      .set({
        status: sql`CASE WHEN EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.conversationId} = ${conversationId} AND ${messages.status} = 'queued') THEN 'queued' ELSE 'idle' END`,
        updatedAt: stamp,
      })
      .where(eq(conversations.id, conversationId)),
    insertJobIfQueued(conversationId, conv.userId, stamp),
  ]);
  notifyJobsAvailable();
}

export const runConversationJob: JobDefinition = { run: runConversation, onInterrupted: onConversationInterrupted };
