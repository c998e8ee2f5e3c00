"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { updateMeSettings } from "@/lib/users/settings";
import { NOTIFICATION_EVENTS } from "@/lib/users/settings-schemas";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** The "Defaults and notifications" form of /settings: the same settings as PATCH /api/v1/me/settings. */
export const saveDefaultsAction = validatedAction(
  z.object({
    defaultModel: z.string().trim().max(200, { message: "errors.tooLong" }).optional(),
    defaultAgentId: z.string().trim().max(64).optional(),
    autoCheckpoint: checkbox,
    ...Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [`notify_${e}`, checkbox])),
  }),
  async (form, { user }) => {
    const values = form as Record<string, unknown>;
    await updateMeSettings(user.id, {
      defaultModel: form.defaultModel || null,
      defaultAgentId: form.defaultAgentId || null,
      autoCheckpoint: form.autoCheckpoint,
      notifications: Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, values[`notify_${e}`] === true])),
    });
    revalidatePath("/settings");
    return { ok: true, message: (await getT())("common.saved") };
  },
);
