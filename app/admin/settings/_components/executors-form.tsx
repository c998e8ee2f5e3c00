"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { EXECUTORS } from "@/lib/agents/schemas";
import { saveExecutorsAction } from "../actions";

export function ExecutorsForm({ enabled }: { enabled: string[] }) {
  const t = useT();
  const [state, action, pending] = useActionState(saveExecutorsAction, {});
  return (
    <form action={action} className="space-y-4">
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {EXECUTORS.map((e) => (
          <CheckboxField key={e} label={t(`agent.executor.${e}`)} name={`executor_${e}`} defaultChecked={enabled.includes(e)} />
        ))}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("admin.executors.save")}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
