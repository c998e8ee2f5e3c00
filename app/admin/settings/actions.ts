"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { publicOrigin } from "@/lib/http/public-origin";
import { getT } from "@/lib/i18n/server";
import { createInvitation, revokeInvitation } from "@/lib/sign-ups/invitations";
import { setSignUpPolicy, SIGN_UP_POLICIES } from "@/lib/sign-ups/policy";
import { setEnabledExecutors } from "@/lib/admin/executors";
import { EXECUTORS } from "@/lib/agents/schemas";
import { setBackupSchedule } from "@/lib/backup/schedule";

/** Open, invite-only or closed sign-ups. lib/sign-ups checks the admin role again. */
export const saveSignUpPolicy = validatedAction(
  z.object({ policy: z.enum(SIGN_UP_POLICIES, { message: "errors.checkFields" }) }),
  async ({ policy }, { user }) => {
    await setSignUpPolicy(user, policy);
    revalidatePath("/admin/settings");
    const t = await getT();
    return { ok: true, message: t("admin.settings.signUps.saved", { policy: t(`admin.settings.signUps.policy.${policy}`) }) };
  },
  { access: "admin" },
);

/** A new invitation; its link comes back once, for the page to show. */
export const createInvitationAction = validatedAction(
  z.object({}),
  async (_input, { user }) => {
    const invitation = await createInvitation(user);
    revalidatePath("/admin/settings");
    const link = `${await publicOrigin()}/sign-up?invite=${encodeURIComponent(invitation.code)}`;
    return { ok: true, message: (await getT())("admin.settings.invitations.created"), data: { link } };
  },
  { access: "admin" },
);

export const revokeInvitationAction = validatedAction(
  z.object({ id: z.string().min(1).max(100) }),
  async ({ id }, { user }) => {
    await revokeInvitation(user, id);
    revalidatePath("/admin/settings");
    return { ok: true, message: (await getT())("admin.settings.invitations.revoked") };
  },
  { access: "admin" },
);

/** Which executors users may run; lib/admin/executors checks the admin role again and audits the change. */
export const saveExecutorsAction = validatedAction(
  z.object(Object.fromEntries(EXECUTORS.map((e) => [`executor_${e}`, z.literal("on").optional()]))),
  async (form, { user }) => {
    const values = form as Record<string, string | undefined>;
    const enabled = EXECUTORS.filter((e) => values[`executor_${e}`] === "on");
    await setEnabledExecutors(user, enabled);
    revalidatePath("/admin/settings");
    const t = await getT();
    return { ok: true, message: t("admin.executors.saved", { list: enabled.map((e) => t(`agent.executor.${e}`)).join(", ") || "—" }) };
  },
  { access: "admin" },
);

/** Daily backups on or off, and how many to keep; lib/backup checks the admin role again and audits the change. */
export const saveBackupScheduleAction = validatedAction(
  z.object({
    enabled: z.literal("on").optional(),
    keep: z.coerce.number({ message: "admin.backups.schedule.keepInvalid" }).int("admin.backups.schedule.keepInvalid").min(1, "admin.backups.schedule.keepInvalid").max(365, "admin.backups.schedule.keepInvalid"),
  }),
  async ({ enabled, keep }, { user }) => {
    await setBackupSchedule(user, { enabled: enabled === "on", keep });
    revalidatePath("/admin/settings");
    const t = await getT();
    return { ok: true, message: t("admin.backups.schedule.saved", { state: enabled === "on" ? t("admin.backups.schedule.on", { keep }) : t("admin.backups.schedule.off") }) };
  },
  { access: "admin" },
);
