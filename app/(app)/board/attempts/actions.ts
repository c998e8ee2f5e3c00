"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { validatedAction } from "@/lib/actions/validated-action";
import { cancelAttempt, cancelDraft, retryAttempt, sendFollowUp, startAttempt } from "@/lib/attempts/attempts";
import { discardAttempt, mergeAttempt, rebaseAttempt } from "@/lib/attempts/review";
import { attemptStartSchema, followUpSchema, mergeSchema } from "@/lib/attempts/schemas";
import { getT } from "@/lib/i18n/server";

/** Server actions of the attempts panel (/board side panel) and the attempt page; lib re-checks ownership. */

const attemptId = z.object({ attemptId: id });

function refresh(attempt?: string) {
  revalidatePath("/board");
  if (attempt) revalidatePath(`/board/attempts/${attempt}`);
}

export const startAttemptAction = validatedAction(attemptStartSchema.extend({ taskId: id }), async ({ taskId, ...input }, { user }) => {
  const attempt = await startAttempt(user.id, taskId, input);
  refresh(attempt.id);
  return { ok: true, message: (await getT())("attempts.started"), data: { attemptId: attempt.id } };
});

export const followUpAction = validatedAction(followUpSchema.extend({ attemptId: id }), async ({ attemptId, message }, { user }) => {
  const attempt = await sendFollowUp(user.id, attemptId, message);
  refresh(attemptId);
  const t = await getT();
  return { ok: true, message: attempt.status === "running" ? t("attempts.followUp.queuedBusy") : t("attempts.followUp.queued") };
});

export const cancelDraftAction = validatedAction(attemptId.extend({ draftId: id }), async ({ attemptId, draftId }, { user }) => {
  await cancelDraft(user.id, attemptId, draftId);
  refresh(attemptId);
});

export const mergeAttemptAction = validatedAction(mergeSchema.extend({ attemptId: id }), async ({ attemptId, mode, confirmFailed }, { user }) => {
  const result = await mergeAttempt(user.id, attemptId, { mode, confirmFailed });
  refresh(attemptId);
  const t = await getT();
  const message = result.kind === "merge" ? t("attempts.merged.commit") : result.kind === "ff" ? t("attempts.merged.ff") : t("attempts.merged.upToDate");
  return { ok: true, message: result.checkoutMessage ? `${message} ${result.checkoutMessage}` : message };
});

export const rebaseAttemptAction = validatedAction(attemptId, async ({ attemptId }, { user }) => {
  const result = await rebaseAttempt(user.id, attemptId);
  refresh(attemptId);
  const t = await getT();
  return { ok: true, message: result.rebased ? t("attempts.rebased") : t("attempts.rebasedNothing") };
});

export const discardAttemptAction = validatedAction(attemptId, async ({ attemptId }, { user }) => {
  await discardAttempt(user.id, attemptId);
  refresh(attemptId);
  return { ok: true, message: (await getT())("attempts.discarded") };
});

export const cancelAttemptAction = validatedAction(attemptId, async ({ attemptId }, { user }) => {
  await cancelAttempt(user.id, attemptId);
  refresh(attemptId);
});

export const retryAttemptAction = validatedAction(attemptId, async ({ attemptId }, { user }) => {
  const attempt = await retryAttempt(user.id, attemptId);
  refresh(attempt.id);
  return { ok: true, message: (await getT())("attempts.retried"), data: { attemptId: attempt.id } };
});
