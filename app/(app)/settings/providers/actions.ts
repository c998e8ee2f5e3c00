"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { PROVIDERS, removeProviderSettings, saveProviderSettings } from "@/lib/providers/keys";

const provider = z.enum(PROVIDERS, { message: "settings.providers.error.provider" });

/**
 * The key's form field is `apiKeySecret`: validatedAction never echoes fields
 * named like a secret back to the page, so a failed save does not send the
 * key back. lib/providers/keys.ts checks the values themselves (field
 * messages on `baseUrl` and `apiKey`, the latter shown beside this field).
 */
export const saveProviderAction = validatedAction(
  z.object({
    provider,
    baseUrl: z.string().max(10_000, { message: "errors.tooLong" }).optional(),
    apiKeySecret: z.string().max(10_000, { message: "errors.tooLong" }).optional(),
    forgetKey: z.literal("on").optional(),
  }),
  async ({ provider, baseUrl, apiKeySecret, forgetKey }, { user }) => {
    const saved = await saveProviderSettings(user.id, provider, {
      baseUrl: baseUrl ?? "",
      apiKey: apiKeySecret ?? "",
      keepKey: forgetKey !== "on",
    });
    revalidatePath("/settings/providers");
    const t = await getT();
    return {
      ok: true,
      message: t("settings.providers.saved", { provider: t(`settings.providers.${provider}.title`) }),
      values: { baseUrl: saved.baseUrl ?? "" },
    };
  },
);

export const removeProviderAction = validatedAction(z.object({ provider }), async ({ provider }, { user }) => {
  await removeProviderSettings(user.id, provider); // owner-scoped; removing nothing is not an error
  revalidatePath("/settings/providers");
  const t = await getT();
  return {
    ok: true,
    message: t("settings.providers.removed", { provider: t(`settings.providers.${provider}.title`) }),
    values: { baseUrl: "" },
  };
});
