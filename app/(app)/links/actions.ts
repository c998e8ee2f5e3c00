"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { deleteLink, reanalyzeLink, saveLinks } from "@/lib/links/links";
import { MAX_URL_LENGTH, MAX_URLS_AT_ONCE } from "@/lib/links/schemas";

const optionalAgent = z.preprocess((v) => (v === "" ? undefined : v), id.optional());

const saveLinksSchema = z.object({
  urls: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, { message: "errors.required" })
    .max(MAX_URLS_AT_ONCE * (MAX_URL_LENGTH + 2), { message: "errors.tooLong" }),
  agentId: optionalAgent,
});

/** The form on /links: one URL per line, analysed by the chosen agent or the default one. */
export const saveLinksAction = validatedAction(saveLinksSchema, async ({ urls, agentId }, { user }) => {
  const list = urls.split(/\r?\n/).map((u) => u.trim()).filter(Boolean);
  if (list.length > MAX_URLS_AT_ONCE) {
    const text = { key: "links.error.tooMany", vars: { max: MAX_URLS_AT_ONCE } };
    throw new LocalizedError("validation", text, { urls: text });
  }
  const saved = await saveLinks(user.id, list, { agentId, field: "urls" });
  revalidatePath("/links");
  return { ok: true, message: (await getT())("links.new.saved", { count: saved.length }) };
});

export const reanalyzeLinkAction = validatedAction(z.object({ id, agentId: optionalAgent }), async ({ id: linkId, agentId }, { user }) => {
  await reanalyzeLink(user.id, linkId, agentId);
  revalidatePath("/links");
  revalidatePath(`/links/${linkId}`);
  return { ok: true, message: (await getT())("links.requeued") };
});

/** Deletes the link; from its own page, back to the list. */
export const deleteLinkAction = validatedAction(z.object({ id, back: z.string().optional() }), async ({ id: linkId, back }, { user }) => {
  await deleteLink(user.id, linkId);
  revalidatePath("/links");
  if (back === "list") redirect("/links");
  return { ok: true, message: (await getT())("links.deleted") };
});
