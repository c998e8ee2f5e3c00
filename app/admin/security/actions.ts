"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { setServerKeysSharing } from "@/lib/sandbox/admin";

/** Turns sharing the server-wide provider keys with agent CLIs on or off. lib/sandbox/admin checks the role again. */
export const saveServerKeysSharing = validatedAction(
  z.object({ share: z.literal("on").optional() }),
  async ({ share }, { user }) => {
    await setServerKeysSharing(user, share === "on");
    revalidatePath("/admin/security");
    return { ok: true, message: (await getT())("sandbox.keys.saved") };
  },
  { access: "admin" },
);
