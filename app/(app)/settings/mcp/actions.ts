"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { checkMcpServer } from "@/lib/mcp/check";
import { importMcpConfig, readMcpConfigText } from "@/lib/mcp/config-file";
import { mcpServerCreateSchema, mcpServerFormSchema } from "@/lib/mcp/schemas";
import { createMcpServer, deleteMcpServer, updateMcpServer } from "@/lib/mcp/servers";

const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * Add or edit a server. Secret fields are named `envSecret` / `headersSecret`, so a failed
 * save never echoes them back to the page (validatedAction leaves out fields named like a secret).
 */
export const saveMcpServerAction = validatedAction(mcpServerFormSchema, async (form, { user }) => {
  const t = await getT();
  const input = {
    name: form.name,
    transport: form.transport,
    command: form.command?.trim() || undefined,
    args: form.args,
    env: form.envSecret,
    url: form.url?.trim() || undefined,
    headers: form.headersSecret,
  };
  if (form.id) {
    await updateMcpServer(user.id, form.id, { ...input, url: input.url ?? null });
  } else {
    const parsed = mcpServerCreateSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? "_");
      throw new LocalizedError("validation", { key: issue.message }, { [field === "env" ? "envSecret" : field === "headers" ? "headersSecret" : field]: { key: issue.message } });
    }
    await createMcpServer(user.id, parsed.data);
  }
  revalidatePath("/settings/mcp");
  return { ok: true, message: t("common.saved") };
});

export const deleteMcpServerAction = validatedAction(z.object({ id: z.string().min(1) }), async ({ id }, { user }) => {
  await deleteMcpServer(user.id, id);
  revalidatePath("/settings/mcp");
  return { ok: true, message: (await getT())("mcp.deleted") };
});

export const checkMcpServerAction = validatedAction(z.object({ id: z.string().min(1) }), async ({ id }, { user }) => {
  const t = await getT();
  const result = await checkMcpServer(user.id, id);
  if (!result.ok) return { error: t("mcp.check.failed", { error: result.error ?? "?" }) };
  const tools = result.tools.map((tool) => tool.name).join(", ");
  return { ok: true, message: t("mcp.check.ok", { server: result.serverName ?? "?", count: result.tools.length, tools }) };
});

const importSchema = z.object({
  config: z.string().max(MAX_IMPORT_BYTES, { message: "mcp.import.fileTooBig" }).optional(),
  file: z.instanceof(File).optional(),
});

export const importMcpAction = validatedAction(importSchema, async ({ config, file }, { user }) => {
  const t = await getT();
  if (file && file.size > MAX_IMPORT_BYTES) throw new LocalizedError("validation", { key: "mcp.import.fileTooBig" });
  const text = file && file.size > 0 ? await file.text() : (config ?? "");
  if (!text.trim()) throw new LocalizedError("validation", { key: "mcp.import.fileRequired" });
  const result = await importMcpConfig(user.id, readMcpConfigText(text));
  revalidatePath("/settings/mcp");
  return { ok: true, message: t("mcp.import.done", { created: result.created, updated: result.updated }) };
});
