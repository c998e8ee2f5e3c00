"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { saveProfile } from "../actions";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(saveProfile, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label={t("settings.profile.name")}
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={state.values?.name ?? name}
        error={state.fields?.name}
      />
      <Field label={t("settings.profile.email")} type="email" value={email} readOnly hint={t("settings.profile.emailHint")} />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("settings.profile.submit")}
      </Button>
    </form>
  );
}
