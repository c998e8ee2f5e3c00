"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { signInWithPassword } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(signInWithPassword, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      <Field label={t("auth.password")} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("common.loading") : t("auth.signIn.submit")}
      </Button>
    </form>
  );
}
