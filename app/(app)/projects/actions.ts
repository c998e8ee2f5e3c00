"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { createProject, deleteProject, updateProject } from "@/lib/projects/projects";
import { projectAttachFormSchema, projectCreateFormSchema, projectUpdateFormSchema } from "@/lib/projects/schemas";
import { attachProject } from "@/lib/projects/detached";

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

/** "Point at a folder": a project imported without a folder here gets one under PROJECT_ROOTS. */
export const attachProjectAction = validatedAction(projectAttachFormSchema, async ({ id, path }, { user }) => {
  const t = await getT();
  await attachProject(user.id, id, path);
  revalidatePath("/projects");
  revalidatePath(`/projects/${id}`);
  return { ok: true, message: t("common.saved") };
});
