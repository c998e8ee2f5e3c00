"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { createProject, deleteProject, updateProject } from "@/lib/projects/projects";
import { projectCreateFormSchema, projectUpdateFormSchema } from "@/lib/projects/schemas";

export const createProjectAction = validatedAction(projectCreateFormSchema, async ({ setupScript, ...data }, { user }) => {
  const project = await createProject(user.id, { ...data, config: setupScript ? { setupScript } : undefined });
  revalidatePath("/projects");
  redirect(`/projects/${project.id}`);
});

export const updateProjectAction = validatedAction(projectUpdateFormSchema, async ({ id, name, repoUrl, setupScript }, { user }) => {
  const t = await getT();
  await updateProject(user.id, id, { name, repoUrl: repoUrl ?? null, config: { setupScript: setupScript || null } });
  revalidatePath("/projects");
  revalidatePath(`/projects/${id}`);
  return { ok: true, message: t("common.saved") };
});

export const deleteProjectAction = validatedAction(z.object({ id: z.string().min(1) }), async ({ id }, { user }) => {
  await deleteProject(user.id, id);
  revalidatePath("/projects");
  redirect("/projects");
});
