"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { changePasswordAction } from "../actions";

/** Change the password, or set a first one for accounts made with Google. */
export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const t = useT();
  const [state, action, pending] = useActionState(changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      {hasPassword && (
        <Field
          label={t("settings.password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={state.fields?.currentPassword}
        />
      )}
      <Field
        label={t("settings.password.new")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        hint={t("settings.password.hint")}
        error={state.fields?.newPassword}
      />
      <Field
        label={t("settings.password.confirm")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state.fields?.confirmPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t(hasPassword ? "settings.password.submitChange" : "settings.password.submitSet")}
      </Button>
    </form>
  );
}
