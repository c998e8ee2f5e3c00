"use server";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { forkCheckpoint, restoreCheckpoint, takeCheckpoint } from "@/lib/checkpoints/checkpoints";
import { continueRunInChat, createConversation, deleteConversation, sendMessage, stopConversation } from "@/lib/conversations/conversations";
import { importClaudeSession, MAX_SESSION_FILE_BYTES } from "@/lib/conversations/import";
import { checkpointCreateSchema, conversationCreateSchema, messageSendSchema } from "@/lib/conversations/schemas";
import { setUserSetting } from "@/lib/users/preferences";
import { AUTO_CHECKPOINT_KEY } from "@/lib/checkpoints/checkpoints";
import { getT } from "@/lib/i18n/server";

const id = z.string().trim().min(1).max(64);

export const createConversationAction = validatedAction(conversationCreateSchema, async (input, { user }) => {
  const conversation = await createConversation(user.id, input);
  redirect(`/chat/${conversation.id}`);
});

export const sendMessageAction = validatedAction(messageSendSchema.extend({ conversationId: id }), async ({ conversationId, content }, { user }) => {
  await sendMessage(user.id, conversationId, content);
  revalidatePath(`/chat/${conversationId}`);
  return { ok: true };
});

/** Moves the conversation to the trash (its turn is stopped) and goes back to the list. */
export const deleteConversationAction = validatedAction(z.object({ id }), async ({ id: conversationId }, { user }) => {
  await deleteConversation(user.id, conversationId);
  revalidatePath("/chat");
  redirect("/chat");
});

export const stopConversationAction = validatedAction(z.object({ conversationId: id }), async ({ conversationId }, { user }) => {
  await stopConversation(user.id, conversationId);
  revalidatePath(`/chat/${conversationId}`);
});

export const checkpointAction = validatedAction(checkpointCreateSchema.extend({ conversationId: id }), async ({ conversationId, label }, { user }) => {
  await takeCheckpoint(user.id, conversationId, { label });
  revalidatePath(`/chat/${conversationId}`);
  return { ok: true, message: (await getT())("chat.checkpoint.taken") };
});

export const restoreAction = validatedAction(z.object({ checkpointId: id, conversationId: id }), async ({ checkpointId, conversationId }, { user }) => {
  const result = await restoreCheckpoint(user.id, checkpointId);
  revalidatePath(`/chat/${conversationId}`);
  return { ok: true, message: (await getT())("chat.checkpoint.restored", { written: result.written, removed: result.removed }) };
});

export const forkAction = validatedAction(z.object({ checkpointId: id }), async ({ checkpointId }, { user }) => {
  const conversationId = await forkCheckpoint(user.id, checkpointId);
  redirect(`/chat/${conversationId}`);
});

export const autoCheckpointAction = validatedAction(z.object({ conversationId: id, on: z.enum(["true", "false"]) }), async ({ conversationId, on }, { user }) => {
  await setUserSetting(user.id, AUTO_CHECKPOINT_KEY, on);
  revalidatePath(`/chat/${conversationId}`);
});

export const continueInChatAction = validatedAction(z.object({ runId: id }), async ({ runId }, { user }) => {
  const conversationId = await continueRunInChat(user.id, runId);
  redirect(`/chat/${conversationId}`);
});

const importSchema = z.object({
  projectId: id,
  agentId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  file: z.custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, { message: "errors.required" }),
});

export const importSessionAction = validatedAction(importSchema, async ({ projectId, agentId, file }, { user }) => {
  if (file.size > MAX_SESSION_FILE_BYTES) throw new LocalizedError("validation", { key: "chat.import.tooBig" });
  const conversationId = await importClaudeSession(user.id, { projectId, agentId }, await file.text());
  redirect(`/chat/${conversationId}`);
});
