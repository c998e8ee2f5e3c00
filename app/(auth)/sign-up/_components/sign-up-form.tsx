"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { signUp } from "../actions";

/** `needsInvite`: sign-ups are invite-only, so the form asks for the invitation code (`invite`, from the link). */
export function SignUpForm({ needsInvite = false, invite }: { needsInvite?: boolean; invite?: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(signUp, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label={t("auth.name")} name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fields?.name} />
      <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fields?.email} />
      <Field
        label={t("auth.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        hint={t("auth.passwordHint")}
        error={state.fields?.password}
      />
      {needsInvite && (
        <Field
          label={t("signUps.inviteCode")}
          name="invite"
          required
          autoComplete="off"
          spellCheck={false}
          defaultValue={state.values?.invite ?? invite}
          error={state.fields?.invite}
        />
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("common.loading") : t("auth.signUp.submit")}
      </Button>
    </form>
  );
}
