"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Paste URLs (one per line) and pick the agent that reads them (default: the user's default agent). */
export function NewLinksForm({ action, agents, hasDefault, max }: { action: Action; agents: { id: string; name: string }[]; hasDefault: boolean; max: number }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" key={state.ok ? state.message : "form"}>
      <FormMessage state={state} />
      <TextAreaField
        label={t("links.new.urls")}
        name="urls"
        rows={3}
        required
        placeholder="https://"
        defaultValue={state.ok ? "" : state.values?.urls}
        hint={t("links.new.urlsHint", { max })}
        error={state.fields?.urls}
      />
      <div className="flex flex-wrap items-end gap-4">
        <SelectField
          label={t("links.new.agent")}
          name="agentId"
          defaultValue={state.values?.agentId ?? ""}
          options={[{ value: "", label: t("links.new.defaultAgent") }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
          hint={hasDefault ? undefined : t("links.new.noDefault")}
          error={state.fields?.agentId}
        />
        <Button type="submit" disabled={pending}>
          {pending ? t("common.loading") : t("links.new.submit")}
        </Button>
      </div>
    </form>
  );
}
