"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { cancelRun, retryRun, startRun } from "@/lib/runs/lifecycle";
import { runStartSchema } from "@/lib/runs/schemas";
import { idSchema } from "@/lib/validation";

export const startRunAction = validatedAction(runStartSchema, async (input, { user }) => {
  const run = await startRun(user.id, input);
  revalidatePath("/runs");
  redirect(`/runs/${run.id}`);
});

const runIdSchema = z.object({ id: idSchema });

export const cancelRunAction = validatedAction(runIdSchema, async ({ id }, { user }) => {
  await cancelRun(user.id, id);
  revalidatePath(`/runs/${id}`);
});

export const retryRunAction = validatedAction(runIdSchema, async ({ id }, { user }) => {
  const run = await retryRun(user.id, id);
  revalidatePath("/runs");
  redirect(`/runs/${run.id}`);
});
