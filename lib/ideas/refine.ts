import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { ideas } from "@/db/schema";
import { getAgent } from "@/lib/agents/agents";
import { AppError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";
import { getProject } from "@/lib/projects/projects";
import { buildJobInsert } from "@/lib/queue/queue";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import { createAgentTurn } from "@/lib/runs/turns";
import { getIdea, getIdeaDetail } from "./ideas";
import type { IdeaView, QuestionView } from "./schemas";
import { JOB_TYPES } from "@/lib/domain";


/** The instructions every refinement prompt ends with; docs/ideas.md documents the same format. */
export const REFINEMENT_FORMAT_INSTRUCTIONS = [
  "When you need answers before the work can be specified, end your reply with the clarifying questions",
  "as a JSON array of strings in a fenced block tagged switchboard-questions, exactly like this:",
  "",
  "```switchboard-questions",
  '["<first question>", "<second question>"]',
  "```",
  "",
  "Use an empty array when you have no questions. Optionally propose the tickets the idea should become",
  "(type is one of feature, bugfix, refactor, chore) in a second block:",
  "",
  "```switchboard-tasks",
  '[{"title": "<short title>", "description": "<what to build and how to check it>", "type": "feature"}]',
  "```",
  "",
  "Only the last block of each kind is read. Do not change any files.",
].join("\n");

/** The prompt a refinement agent gets: the idea, what was already asked and answered, and the output format. */
export function buildRefinementPrompt(idea: Pick<IdeaView, "title" | "description">, asked: Pick<QuestionView, "question" | "answer" | "status">[]): string {
  const parts = [
    "You are refining an idea into well-specified development tickets for this project.",
    "Read the project as needed, then decide what is still unclear.",
    "",
    `Idea: ${idea.title}`,
    "",
    idea.description.trim() || "(no description)",
  ];
  const answered = asked.filter((q) => q.status === "answered" && q.answer);
  const skipped = asked.filter((q) => q.status === "skipped");
  if (answered.length > 0) {
    parts.push("", "Questions already answered (do not ask them again):");
    for (const q of answered) parts.push(`Q: ${q.question}`, `A: ${q.answer}`);
  }
  if (skipped.length > 0) {
    parts.push("", "Questions the person chose not to answer (make a sensible assumption instead):");
    for (const q of skipped) parts.push(`Q: ${q.question}`);
  }
  parts.push("", REFINEMENT_FORMAT_INSTRUCTIONS);
  return parts.join("\n");
}

/**
 * Starts refining an idea with one of the user's agents: the idea goes to
 * `refining` (a conditional UPDATE, so two clicks cannot start two runs), a
 * run of the agent is created in the project's folder, and the idea's
 * `refinementRunId` and the `refine_idea` job (same id as the run, so
 * cancelling the run on /runs cancels the job) commit together.
 */
export async function startRefinement(userId: string, ideaId: string, agentId: string): Promise<IdeaView> {
  const idea = await getIdeaDetail(userId, ideaId); // (frees an idea whose refinement run was cancelled while queued)
  const agent = await getAgent(userId, agentId);
  const project = await getProject(userId, idea.projectId);
  if (idea.status !== "pending" && idea.status !== "questions") {
    throw new AppError(
      "conflict",
      idea.status === "refining" ? "The idea is already being refined; wait for that run to finish." : `The idea is ${idea.status}; it can no longer be refined.`,
    );
  }
  const claimed = await db()
    .update(ideas)
    .set({ status: "refining", updatedAt: nowIso() })
    .where(and(eq(ideas.id, ideaId), eq(ideas.userId, userId), eq(ideas.status, idea.status)))
    .returning({ id: ideas.id });
  if (claimed.length === 0) throw new AppError("conflict", "The idea changed meanwhile (another refinement started?). Reload and try again.");

  let runId: string;
  try {
    const prompt = buildRefinementPrompt(idea, idea.questions);
    runId = await createAgentTurn(userId, { agent, projectId: project.id, prompt, cwd: project.path, from: { source: "refinement", sourceId: ideaId } });
  } catch (error) {
    // Over the plan's monthly runs (403) or anything else: the idea is as it was.
    await db().update(ideas).set({ status: idea.status }).where(and(eq(ideas.id, ideaId), eq(ideas.status, "refining")));
    throw error;
  }
  await db().batch([
    db().update(ideas).set({ refinementRunId: runId, updatedAt: nowIso() }).where(eq(ideas.id, ideaId)),
    // An interrupted refinement fails and the idea returns to pending, rather than silently running twice.
    buildJobInsert({ id: runId, type: JOB_TYPES.refineIdea, userId, payload: { ideaId, runId }, maxAttempts: 1 }),
  ]);
  notifyJobsAvailable();
  return getIdea(userId, ideaId);
}

/** Puts a refining idea back to `pending` when its refinement `runId` did not complete (only if that is still its run). */
export async function refinementEnded(ideaId: string, runId: string) {
  await db()
    .update(ideas)
    .set({ status: "pending", updatedAt: nowIso() })
    .where(and(eq(ideas.id, ideaId), eq(ideas.refinementRunId, runId), inArray(ideas.status, ["refining"])));
}
