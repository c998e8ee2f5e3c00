"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { signOut } from "@/lib/auth/auth";
import { newPasswordSchema } from "@/lib/auth/passwords";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/audit";
import { clientIp } from "@/lib/http/client-ip";
import { messages } from "@/lib/i18n/messages";
import { getT, setPreferenceCookies } from "@/lib/i18n/server";
import { makeTranslator } from "@/lib/i18n/translate";
import { changePassword } from "@/lib/users/change-password";
import { preferencesSchema, savePreferences } from "@/lib/users/preferences";
import { updateProfile } from "@/lib/users/users";


export const saveProfile = validatedAction(
  z.object({ name: z.string().trim().min(1, { message: "errors.required" }).max(100, { message: "errors.tooLong" }) }),
  async ({ name }, { user }) => {
    await updateProfile(user.id, { name });
    revalidatePath("/", "layout"); // the account menu shows the name too
    return { ok: true, message: (await getT())("settings.profile.saved"), values: { name } };
  },
);

const passwordSchema = z
  .object({
    currentPassword: z.string().max(1000).optional(),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(1000),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], message: "settings.password.mismatch" });

export const changePasswordAction = validatedAction(passwordSchema, async ({ currentPassword, newPassword }, { user }) => {
  const { hadPassword } = await changePassword(user, currentPassword, newPassword, { ip: clientIp(await headers()) });
  revalidatePath("/settings");
  const t = await getT();
  return { ok: true, message: t(hadPassword ? "settings.password.changed" : "settings.password.set") };
});

export const savePreferencesAction = validatedAction(preferencesSchema, async (input, { user }) => {
  const { theme, locale } = await savePreferences(user.id, input);
  await setPreferenceCookies({ locale, theme });
  revalidatePath("/", "layout");
  // Answer in the language just chosen (getT() has already read this request's old cookie).
  return { ok: true, message: makeTranslator(messages[locale])("settings.preferences.saved"), values: { theme, locale } };
});

export const signOutEverywhere = validatedAction(z.object({}), async (_input, { user }) => {
  await revokeUserSessions(user.id);
  await recordAudit({ action: "auth.sign_out_everywhere", actorId: user.id, targetUserId: user.id, ip: clientIp(await headers()) });
  await signOut({ redirectTo: "/sign-in" });
});
