"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { AppError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { getT } from "@/lib/i18n/server";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";

export const createToken = validatedAction(
  z.object({ name: z.string().trim().min(1, { message: "errors.required" }).max(100, { message: "errors.tooLong" }) }),
  async ({ name }, { user }) => {
    const token = await createApiToken(user.id, name);
    revalidatePath("/settings/tokens");
    const t = await getT();
    // The value goes to this one response and nowhere else: only its hash is stored.
    return { ok: true, message: t("settings.tokens.created", { name: token.name }), data: { id: token.id, name: token.name, value: token.value } };
  },
);

export const revokeToken = validatedAction(
  z.object({ tokenId: z.string().min(1).max(100), name: z.string().max(200).optional() }),
  async ({ tokenId, name }, { user }) => {
    try {
      await revokeApiToken(user.id, tokenId); // owner-scoped: another user's token is "not found"
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") throw new LocalizedError("not_found", { key: "settings.tokens.notFound" });
      throw error;
    }
    revalidatePath("/settings/tokens");
    const t = await getT();
    return { ok: true, message: t("settings.tokens.revoked", { name: name ?? "" }) };
  },
);
