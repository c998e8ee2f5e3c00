"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field, FormMessage, SelectField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { NOTIFICATION_EVENTS, type MeSettings } from "@/lib/users/settings-schemas";
import { saveDefaultsAction } from "../defaults-actions";

/** Default model and agent, auto-checkpoint, and which events notify. */
export function DefaultsForm({ settings, agents }: { settings: MeSettings; agents: Array<{ id: string; name: string }> }) {
  const t = useT();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveDefaultsAction, {});
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("settings.me.defaultModel")}
          name="defaultModel"
          maxLength={200}
          autoComplete="off"
          hint={t("settings.me.defaultModelHint")}
          defaultValue={settings.defaultModel ?? ""}
          error={state.fields?.defaultModel}
        />
        <SelectField
          label={t("settings.me.defaultAgent")}
          name="defaultAgentId"
          defaultValue={settings.defaultAgentId ?? ""}
          error={state.fields?.defaultAgentId}
          options={[{ value: "", label: t("settings.me.noAgent") }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
        />
      </div>
      <CheckboxField label={t("settings.me.autoCheckpoint")} name="autoCheckpoint" defaultChecked={settings.autoCheckpoint} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("settings.me.notifications")}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {NOTIFICATION_EVENTS.map((e) => (
            <CheckboxField key={e} label={t(`settings.me.notify.${e}`)} name={`notify_${e}`} defaultChecked={settings.notifications[e]} />
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("settings.me.save")}
      </Button>
    </form>
  );
}
