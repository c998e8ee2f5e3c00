"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import type { SignUpPolicy } from "@/lib/sign-ups/policy";
import { saveSignUpPolicy } from "../actions";

const POLICIES: readonly SignUpPolicy[] = ["open", "invite", "closed"];

export function SignUpPolicyForm({ policy, limit }: { policy: SignUpPolicy; limit: number }) {
  const t = useT();
  const [state, action, pending] = useActionState(saveSignUpPolicy, {});
  return (
    <form action={action} noValidate className="space-y-4">
      <SelectField
        label={t("admin.settings.signUps.policy")}
        name="policy"
        defaultValue={state.values?.policy ?? policy}
        hint={t("admin.settings.signUps.hint", { limit })}
        error={state.fields?.policy}
        options={POLICIES.map((p) => ({ value: p, label: t(`admin.settings.signUps.policy.${p}`) }))}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("admin.settings.signUps.save")}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
