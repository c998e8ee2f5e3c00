"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { TRASH_KINDS } from "@/lib/domain";
import { getT } from "@/lib/i18n/server";
import { deleteForever, restoreFromTrash } from "@/lib/trash/trash";
import { idSchema } from "@/lib/validation";

const item = z.object({ kind: z.enum(TRASH_KINDS), id: idSchema });

export const restoreAction = validatedAction(item, async ({ kind, id }, { user }) => {
  const restored = await restoreFromTrash(user.id, kind, id);
  revalidatePath("/trash");
  return { ok: true, message: (await getT())("trash.restored", { name: restored.name || (await getT())("trash.untitled") }) };
});

export const deleteForeverAction = validatedAction(item, async ({ kind, id }, { user }) => {
  await deleteForever(user.id, kind, id);
  revalidatePath("/trash");
  return { ok: true };
});
