"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";

const schema = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1000),
  callbackUrl: z.string().optional(),
});

export const signInWithPassword = validatedAction(
  schema,
  async ({ email, password, callbackUrl }) => {
    const t = await getT();
    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (!(error instanceof CredentialsSignin)) throw error;
      const code = error.code;
      if (code.startsWith("too_many:")) return { error: t("auth.error.tooMany", { minutes: code.split(":")[1] ?? "15" }) };
      if (code === "disabled") return { error: t("auth.error.disabled") };
      return { error: t("auth.error.invalid") };
    }
    redirect(safeCallbackPath(callbackUrl));
  },
  { access: "public" },
);

export async function signInWithGoogleAction(formData: FormData) {
  await signIn("google", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
