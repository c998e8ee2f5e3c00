"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { saveBackupScheduleAction } from "../actions";

export function BackupScheduleForm({ enabled, keep }: { enabled: boolean; keep: number }) {
  const t = useT();
  const [state, action, pending] = useActionState(saveBackupScheduleAction, {});
  return (
    <form action={action} className="space-y-4">
      <CheckboxField label={t("admin.backups.schedule.enabled")} name="enabled" defaultChecked={enabled} />
      <Field
        label={t("admin.backups.schedule.keep")}
        name="keep"
        type="number"
        min={1}
        max={365}
        required
        defaultValue={state.values?.keep ?? String(keep)}
        hint={t("admin.backups.schedule.keepHint")}
        error={state.fields?.keep}
        className="max-w-40"
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("admin.backups.schedule.save")}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
