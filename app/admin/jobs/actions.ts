"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminCancelJob, adminRetryJob } from "@/lib/admin/jobs";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";

/** Retry or cancel one job from /admin/jobs. lib/admin/jobs.ts checks the admin role again. */
export const jobAction = validatedAction(
  z.object({ id: z.string().min(1).max(100), op: z.enum(["retry", "cancel"]) }),
  async ({ id, op }, { user }) => {
    const t = await getT();
    if (op === "retry") {
      await adminRetryJob(user, id);
      revalidatePath("/admin/jobs");
      return { ok: true, message: t("admin.jobs.retried") };
    }
    const job = await adminCancelJob(user, id);
    revalidatePath("/admin/jobs");
    if (job.status !== "cancelled") return { error: t("admin.jobs.notCancelled", { status: t(`admin.jobs.status.${job.status}`) }) };
    return { ok: true, message: t("admin.jobs.cancelled") };
  },
  { access: "admin" },
);
