"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { PLANS, ROLES } from "@/lib/domain";
import { changeRole, deleteUser, revokeSessions, setDisabled, setPlan } from "@/lib/admin/manage-users";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";

/** The forms of /admin/users/[id]. lib/admin/manage-users.ts checks the admin role again and audits each one. */

const userId = z.string().min(1).max(100);

function refresh(id: string) {
  revalidatePath(`/admin/users/${id}`);
  revalidatePath("/admin/users");
}

export const saveRole = validatedAction(
  z.object({ userId, role: z.enum(ROLES) }),
  async ({ userId, role }, { user }) => {
    const { changed } = await changeRole(user, userId, role);
    refresh(userId);
    const t = await getT();
    return { ok: true, message: t(changed ? "admin.user.roleSaved" : "admin.user.roleUnchanged", { role: t(`role.${role}`) }) };
  },
  { access: "admin" },
);

export const savePlan = validatedAction(
  z.object({ userId, plan: z.enum(PLANS) }),
  async ({ userId, plan }, { user }) => {
    const { changed } = await setPlan(user, userId, plan);
    refresh(userId);
    const t = await getT();
    return { ok: true, message: t(changed ? "admin.user.planSaved" : "admin.user.planUnchanged", { plan: t(`billing.plan.${plan}`) }) };
  },
  { access: "admin" },
);

export const toggleDisabled = validatedAction(
  z.object({ userId, disabled: z.enum(["true", "false"]) }),
  async ({ userId, disabled }, { user }) => {
    await setDisabled(user, userId, disabled === "true");
    refresh(userId);
    return { ok: true, message: (await getT())(disabled === "true" ? "admin.user.disabled" : "admin.user.enabled") };
  },
  { access: "admin" },
);

export const revokeAllSessions = validatedAction(
  z.object({ userId }),
  async ({ userId }, { user }) => {
    await revokeSessions(user, userId);
    refresh(userId);
    return { ok: true, message: (await getT())("admin.user.sessionsRevoked") };
  },
  { access: "admin" },
);

/** Deletes the account; the page stays as it is (re-rendering it would be a 404) and shows the result with a way back. */
export const removeUser = validatedAction(
  z.object({ userId, confirmEmail: z.string().max(320) }),
  async ({ userId, confirmEmail }, { user }) => {
    await deleteUser(user, userId, confirmEmail);
    return { ok: true, message: (await getT())("admin.user.deleted", { email: confirmEmail.trim().toLowerCase() }), data: { deleted: "1" } };
  },
  { access: "admin" },
);
