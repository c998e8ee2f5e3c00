import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { agentRuns, ideas, projects, questions } from "@/db/schema";
import { type IdeaStatus } from "@/lib/domain";
import { AppError, notFoundError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";
import { getProject } from "@/lib/projects/projects";
import { runOutputText } from "@/lib/runs/turns";
import { parseRefinementOutput } from "./refinement-output";
import type { IdeaCreateParsed, IdeaDetail, IdeaListQuery, IdeaView, QuestionView } from "./schemas";

/** The columns an idea shows to its owner (never user_id). */
export const ideaColumns = {
  id: ideas.id,
  projectId: ideas.projectId,
  projectName: projects.name,
  title: ideas.title,
  description: ideas.description,
  source: ideas.source,
  priority: ideas.priority,
  status: ideas.status,
  refinementRunId: ideas.refinementRunId,
  createdAt: ideas.createdAt,
  updatedAt: ideas.updatedAt,
};

export const questionColumns = {
  id: questions.id,
  ideaId: questions.ideaId,
  askedByAgentId: questions.askedByAgentId,
  question: questions.question,
  answer: questions.answer,
  status: questions.status,
  createdAt: questions.createdAt,
  answeredAt: questions.answeredAt,
};

function selectIdeas() {
  return db().select(ideaColumns).from(ideas).innerJoin(projects, eq(projects.id, ideas.projectId));
}

/** An idea is finished once converted into tasks or rejected: nothing about it changes any more. */
export const FINISHED_IDEA_STATUSES: readonly IdeaStatus[] = ["converted", "rejected"];

/** Drops an idea in. The project must be the user's. */
export async function createIdea(userId: string, input: IdeaCreateParsed & { source: NonNullable<IdeaCreateParsed["source"]> }): Promise<IdeaView> {
  const project = await getProject(userId, input.projectId);
  const [row] = await db()
    .insert(ideas)
    .values({ userId, projectId: project.id, title: input.title, description: input.description, priority: input.priority, source: input.source })
    .returning({ id: ideas.id });
  return getIdea(userId, row!.id);
}

/** One of the user's ideas; another user's id (or none) is not_found. */
export async function getIdea(userId: string, id: string): Promise<IdeaView> {
  const [row] = await selectIdeas()
    .where(and(eq(ideas.id, id), eq(ideas.userId, userId), isNull(projects.deletedAt)))
    .limit(1);
  if (!row) throw notFoundError("idea");
  return row;
}

/** The user's ideas, newest first, filtered; keyset pagination on the time-ordered id. */
export async function listIdeas(userId: string, query: IdeaListQuery) {
  const page = keyset(ideas.id, query);
  const rows = await selectIdeas()
    .where(
      and(
        eq(ideas.userId, userId),
        isNull(projects.deletedAt),
        query.projectId ? eq(ideas.projectId, query.projectId) : undefined,
        query.status ? eq(ideas.status, query.status) : undefined,
        page.where,
      ),
    )
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows);
}

/** The questions of ideas the caller has already loaded (and so owns), oldest first. */
export async function questionsOf(ideaIds: string[]): Promise<QuestionView[]> {
  if (ideaIds.length === 0) return [];
  return db().select(questionColumns).from(questions).where(inArray(questions.ideaId, ideaIds)).orderBy(asc(questions.id));
}

/** An idea with its questions and what its latest refinement run said (its status, error and unreadable blocks). */
export async function getIdeaDetail(userId: string, id: string): Promise<IdeaDetail> {
  const idea = await getIdea(userId, id);
  const qs = await questionsOf([idea.id]);
  let refinement: IdeaDetail["refinement"] = null;
  if (idea.refinementRunId) {
    const [run] = await db()
      .select({ status: agentRuns.status, error: agentRuns.error })
      .from(agentRuns)
      .where(and(eq(agentRuns.id, idea.refinementRunId), eq(agentRuns.userId, userId)))
      .limit(1);
    if (run && idea.status === "refining" && (run.status === "failed" || run.status === "cancelled")) {
      // Its run was cancelled before the refine_idea job started (so the job never ran): free the idea.
      const freed = await db()
        .update(ideas)
        .set({ status: "pending", updatedAt: nowIso() })
        .where(and(eq(ideas.id, idea.id), eq(ideas.refinementRunId, idea.refinementRunId), eq(ideas.status, "refining")))
        .returning({ id: ideas.id });
      if (freed.length > 0) idea.status = "pending";
    }
    if (run) {
      const finished = run.status === "completed";
      const parsed = finished ? parseRefinementOutput(await runOutputText(idea.refinementRunId)) : null;
      refinement = {
        runId: idea.refinementRunId,
        status: run.status,
        error: run.error,
        problems: parsed?.problems ?? [],
        proposedTasks: parsed?.tasks ?? [],
      };
    }
  }
  return { ...idea, questions: qs, refinement };
}

/** Rejects an idea that is not refining and not already converted. Rejecting twice is harmless. */
export async function rejectIdea(userId: string, id: string): Promise<IdeaView> {
  const idea = await getIdea(userId, id);
  if (idea.status === "rejected") return idea;
  const updated = await db()
    .update(ideas)
    .set({ status: "rejected", updatedAt: nowIso() })
    .where(and(eq(ideas.id, id), eq(ideas.userId, userId), inArray(ideas.status, ["pending", "questions"])))
    .returning({ id: ideas.id });
  if (updated.length === 0) {
    const now = await getIdea(userId, id);
    throw new AppError(
      "conflict",
      now.status === "refining"
        ? "The idea is being refined; wait for the refinement to finish (or cancel its run) before rejecting it."
        : `The idea is ${now.status}; it can no longer be rejected.`,
    );
  }
  return getIdea(userId, id);
}
