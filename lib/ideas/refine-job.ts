import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, ideas, questions, type Job } from "@/db/schema";
import { newId, nowIso } from "@/lib/domain/ids";
import type { JobContext, JobDefinition } from "@/lib/queue/types";
import { executeRun, interruptRun } from "@/lib/runs/execute";
import { runOutputText } from "@/lib/runs/turns";
import { questionsOf } from "./ideas";
import { notifyUser } from "@/lib/notifications/notifications";
import { refinementEnded } from "./refine";
import { parseRefinementOutput } from "./refinement-output";

function payloadOf(job: Job): { ideaId: string; runId: string } {
  const p = job.payload as { ideaId?: unknown; runId?: unknown };
  return { ideaId: String(p.ideaId ?? ""), runId: String(p.runId ?? job.id) };
}

/**
 * The `refine_idea` job: executes the refinement run (streamed like any run),
 * then turns the questions block of its output into question rows asked by
 * the run's agent, and moves the idea to `questions` (also when it asked
 * none: the person then approves or rejects). A run that failed, was
 * cancelled or skipped puts the idea back to `pending`; the run page says why.
 */
async function refineIdea({ job, signal }: JobContext) {
  const { ideaId, runId } = payloadOf(job);
  const outcome = await executeRun(runId, signal);
  if (outcome.status !== "completed") {
    await refinementEnded(ideaId, runId);
    return { status: outcome.status };
  }

  const parsed = parseRefinementOutput(await runOutputText(runId));
  const [run] = await db().select({ agentId: agentRuns.agentId }).from(agentRuns).where(eq(agentRuns.id, runId)).limit(1);
  // A question asked again in a later refinement is not added twice.
  const known = new Set((await questionsOf([ideaId])).map((q) => q.question));
  const fresh = (parsed.questions ?? []).filter((q) => !known.has(q));
  const now = nowIso();
  const move = db()
    .update(ideas)
    .set({ status: "questions", updatedAt: now })
    .where(and(eq(ideas.id, ideaId), eq(ideas.refinementRunId, runId), eq(ideas.status, "refining")))
    .returning({ id: ideas.id });
  // Only when the move happened (the idea was not rejected or deleted meanwhile): same transaction, checked in the INSERT.
  const movedByThisRun = sql`EXISTS (SELECT 1 FROM ${ideas} WHERE ${ideas.id} = ${ideaId} AND ${ideas.refinementRunId} = ${runId} AND ${ideas.status} = 'questions')`;
  const inserts = fresh.map((question) =>
    db().run(
      sql`INSERT INTO ${questions} (id, idea_id, asked_by_agent_id, question, status, created_at)
        SELECT ${newId()}, ${ideaId}, ${run?.agentId ?? null}, ${question}, 'open', ${now} WHERE ${movedByThisRun}`,
    ),
  );
  const [moved] = await db().batch([move, ...inserts]);
  if (moved.length === 0) return { questions: 0, stale: true };
  if (fresh.length) await notifyQuestions(ideaId, fresh.length);
  return { questions: fresh.length, problems: parsed.problems.length };
}

/** "The agent asked N questions about <idea>", for the idea's owner. */
async function notifyQuestions(ideaId: string, count: number) {
  const [idea] = await db().select({ userId: ideas.userId, title: ideas.title }).from(ideas).where(eq(ideas.id, ideaId)).limit(1);
  if (idea) await notifyUser(idea.userId, "questionAsked", `The agent asked ${count === 1 ? "a question" : `${count} questions`} about "${idea.title}"`, "/ideas");
}

/** The worker died with the refinement running: its run fails as interrupted and the idea is pending again. */
async function onRefinementInterrupted(job: Job) {
  const { ideaId, runId } = payloadOf(job);
  await interruptRun(runId);
  await refinementEnded(ideaId, runId);
}

export const refineIdeaJobDefinition: JobDefinition = { run: refineIdea, onInterrupted: onRefinementInterrupted };
