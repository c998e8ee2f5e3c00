"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { attachProjectAction } from "../../actions";

/** Points a detached (imported) project at a folder on this server; its history stays. */
export function AttachProjectForm({ projectId }: { projectId: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(attachProjectAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <div className="w-full">
        <FormMessage state={state} />
      </div>
      <input type="hidden" name="id" value={projectId} />
      <Field
        label={t("project.detached.path")}
        name="path"
        required
        autoComplete="off"
        spellCheck={false}
        placeholder="/srv/code/my-app"
        defaultValue={state.values?.path ?? ""}
        error={state.fields?.path}
        className="min-w-72 flex-1"
      />
      <Button type="submit" disabled={pending}>
        {t("project.detached.submit")}
      </Button>
    </form>
  );
}
