"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { tagCreateSchema, tagUpdateSchema } from "@/lib/tags/schemas";
import { createTag, deleteTag, updateTag } from "@/lib/tags/tags";


export const createTagAction = validatedAction(tagCreateSchema, async (data, { user }) => {
  await createTag(user.id, data);
  revalidatePath("/board", "layout");
  return { ok: true, message: (await getT())("board.tags.created") };
});

export const updateTagAction = validatedAction(tagUpdateSchema.extend({ id }), async ({ id: tagId, ...patch }, { user }) => {
  await updateTag(user.id, tagId, patch);
  revalidatePath("/board", "layout");
  return { ok: true, message: (await getT())("common.saved") };
});

export const deleteTagAction = validatedAction(z.object({ id }), async ({ id: tagId }, { user }) => {
  await deleteTag(user.id, tagId);
  revalidatePath("/board", "layout");
});
