"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { signOutEverywhere } from "../actions";

export function SignOutEverywhereButton() {
  const t = useT();
  const [state, action, pending] = useActionState(signOutEverywhere, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t("common.loading") : t("settings.sessions.signOutEverywhere")}
      </Button>
    </form>
  );
}
