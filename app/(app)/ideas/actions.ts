"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { validatedAction } from "@/lib/actions/validated-action";
import { approveIdea } from "@/lib/ideas/approve";
import { createIdea, rejectIdea } from "@/lib/ideas/ideas";
import { answerQuestion, skipQuestion } from "@/lib/ideas/questions";
import { startRefinement } from "@/lib/ideas/refine";
import { ideaCreateSchema, ideaRefineSchema, questionAnswerSchema } from "@/lib/ideas/schemas";

const withId = z.object({ id });

/** The form on /ideas: the idea comes from the web. Opens the new idea. */
export const createIdeaAction = validatedAction(ideaCreateSchema, async (input, { user }) => {
  const idea = await createIdea(user.id, { ...input, source: "web" });
  revalidatePath("/ideas");
  redirect(`/ideas/${idea.id}`);
});

export const refineIdeaAction = validatedAction(ideaRefineSchema.extend({ id }), async ({ id: ideaId, agentId }, { user }) => {
  await startRefinement(user.id, ideaId, agentId);
  revalidatePath(`/ideas/${ideaId}`);
});

export const answerQuestionAction = validatedAction(questionAnswerSchema.extend({ id, ideaId: id }), async ({ id: questionId, ideaId, answer }, { user }) => {
  await answerQuestion(user.id, questionId, answer);
  revalidatePath(`/ideas/${ideaId}`);
  return { ok: true };
});

export const skipQuestionAction = validatedAction(withId.extend({ ideaId: id }), async ({ id: questionId, ideaId }, { user }) => {
  await skipQuestion(user.id, questionId);
  revalidatePath(`/ideas/${ideaId}`);
});

/** Approves with the refinement's proposed tickets (or one task from the idea). */
export const approveIdeaAction = validatedAction(withId, async ({ id: ideaId }, { user }) => {
  await approveIdea(user.id, ideaId, {});
  revalidatePath(`/ideas/${ideaId}`);
  revalidatePath("/board");
});

export const rejectIdeaAction = validatedAction(withId, async ({ id: ideaId }, { user }) => {
  await rejectIdea(user.id, ideaId);
  revalidatePath(`/ideas/${ideaId}`);
});
