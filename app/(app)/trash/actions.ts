"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { TRASH_KINDS } from "@/lib/domain";
import { deleteForever, restoreFromTrash } from "@/lib/trash/trash";
import { idSchema } from "@/lib/validation";

const item = z.object({ kind: z.enum(TRASH_KINDS), id: idSchema });

/** Restores, then shows the trash again with a note saying what came back and where it is. */
export const restoreAction = validatedAction(item, async ({ kind, id }, { user }) => {
  await restoreFromTrash(user.id, kind, id);
  revalidatePath("/trash");
  redirect(`/trash?${new URLSearchParams({ restored: kind, id })}`);
});

export const deleteForeverAction = validatedAction(item, async ({ kind, id }, { user }) => {
  await deleteForever(user.id, kind, id);
  revalidatePath("/trash");
  return { ok: true };
});
