"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { createAgent, deleteAgent, updateAgent } from "@/lib/agents/agents";
import { importAgents, readImportText } from "@/lib/agents/import-export";
import { agentFormSchema } from "@/lib/agents/schemas";
import { getT } from "@/lib/i18n/server";

const MAX_IMPORT_BYTES = 1024 * 1024;

export const createAgentAction = validatedAction(agentFormSchema, async (data, { user }) => {
  const agent = await createAgent(user.id, data);
  revalidatePath("/agents");
  redirect(`/agents/${agent.id}`);
});

export const updateAgentAction = validatedAction(agentFormSchema.extend({ id: z.string().min(1) }), async ({ id, ...data }, { user }) => {
  const t = await getT();
  await updateAgent(user.id, id, data);
  revalidatePath("/agents");
  revalidatePath(`/agents/${id}`);
  return { ok: true, message: t("common.saved") };
});

export const deleteAgentAction = validatedAction(z.object({ id: z.string().min(1) }), async ({ id }, { user }) => {
  await deleteAgent(user.id, id);
  revalidatePath("/agents");
  redirect("/agents");
});

const importSchema = z.object({
  file: z
    .instanceof(File, { message: "agent.import.fileRequired" })
    .refine((f) => f.size > 0, { message: "agent.import.fileRequired" })
    .refine((f) => f.size <= MAX_IMPORT_BYTES, { message: "agent.import.fileTooBig" }),
});

export const importAgentsAction = validatedAction(importSchema, async ({ file }, { user }) => {
  const t = await getT();
  const created = await importAgents(user.id, readImportText(await file.text()));
  revalidatePath("/agents");
  return { ok: true, message: t("agent.import.done", { count: created.length, names: created.map((a) => a.name).join(", ") }) };
});
