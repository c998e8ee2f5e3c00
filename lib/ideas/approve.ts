import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, ideas } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";
import { runOutputText } from "@/lib/runs/turns";
import { createTasks } from "@/lib/tasks/tasks";
import type { TaskCreateParsed, TaskView } from "@/lib/tasks/schemas";
import { getIdea, questionsOf } from "./ideas";
import { parseRefinementOutput, type ProposedTask } from "./refinement-output";
import type { IdeaApproveInput, IdeaView, QuestionView } from "./schemas";

/** A task's spec: the idea, this ticket's own part of it, and what the person answered. */
export function buildTaskSpec(idea: Pick<IdeaView, "title" | "description">, asked: Pick<QuestionView, "question" | "answer" | "status">[], ticket?: string): string {
  const parts = [`# ${idea.title}`, "", idea.description.trim() || "(no description)"];
  if (ticket?.trim()) parts.push("", "## This ticket", "", ticket.trim());
  const answered = asked.filter((q) => q.status === "answered" && q.answer);
  if (answered.length > 0) {
    parts.push("", "## Clarifications");
    for (const q of answered) parts.push("", `Q: ${q.question}`, `A: ${q.answer}`);
  }
  return parts.join("\n");
}

/** The tickets the latest completed refinement proposed, if any. */
async function proposedTickets(userId: string, runId: string | null): Promise<ProposedTask[]> {
  if (!runId) return [];
  const [run] = await db()
    .select({ status: agentRuns.status })
    .from(agentRuns)
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.userId, userId)))
    .limit(1);
  if (run?.status !== "completed") return [];
  return parseRefinementOutput(await runOutputText(runId)).tasks ?? [];
}

const clampPriority = (p: number) => Math.min(3, Math.max(0, Math.round(p)));

/**
 * Approves an idea and converts it into tasks: the body's tasks, else the
 * tickets its latest refinement proposed, else one task from its title and
 * description. Open questions are simply left unanswered. The idea is
 * claimed with a conditional UPDATE (pending|questions -> approved) before
 * any task is made, so two clicks cannot make the tasks twice; it ends
 * `converted`.
 */
export async function approveIdea(userId: string, ideaId: string, input: IdeaApproveInput): Promise<{ idea: IdeaView; tasks: TaskView[] }> {
  const idea = await getIdea(userId, ideaId);
  const refuse = (status: string) =>
    new AppError(
      "conflict",
      status === "refining"
        ? "The idea is being refined; wait for the refinement to finish before approving it."
        : status === "converted"
          ? "The idea was already approved and converted into tasks."
          : `The idea is ${status}; it can no longer be approved.`,
    );
  if (idea.status !== "pending" && idea.status !== "questions") throw refuse(idea.status);
  const claimed = await db()
    .update(ideas)
    .set({ status: "approved", updatedAt: nowIso() })
    .where(and(eq(ideas.id, ideaId), eq(ideas.userId, userId), inArray(ideas.status, ["pending", "questions"])))
    .returning({ id: ideas.id });
  if (claimed.length === 0) throw refuse((await getIdea(userId, ideaId)).status);

  let tasks: TaskView[];
  try {
    const asked = await questionsOf([idea.id]);
    const priority = clampPriority(idea.priority);
    const tickets: Array<{ title: string; description: string; type: TaskCreateParsed["type"]; priority?: number }> =
      input.tasks ?? (await proposedTickets(userId, idea.refinementRunId));
    const inputs: TaskCreateParsed[] =
      tickets.length > 0
        ? tickets.map((t) => ({
            projectId: idea.projectId,
            ideaId: idea.id,
            title: t.title,
            description: t.description,
            type: t.type,
            priority: t.priority ?? priority,
            spec: buildTaskSpec(idea, asked, t.description),
          }))
        : [
            {
              projectId: idea.projectId,
              ideaId: idea.id,
              title: idea.title,
              description: idea.description,
              type: "feature",
              priority,
              spec: buildTaskSpec(idea, asked),
            },
          ];
    tasks = await createTasks(userId, inputs);
  } catch (error) {
    // Nothing was created (createTasks is one transaction): the idea can be approved again.
    await db().update(ideas).set({ status: idea.status }).where(and(eq(ideas.id, ideaId), eq(ideas.status, "approved")));
    throw error;
  }
  await db().update(ideas).set({ status: "converted", updatedAt: nowIso() }).where(eq(ideas.id, ideaId));
  return { idea: await getIdea(userId, ideaId), tasks };
}
