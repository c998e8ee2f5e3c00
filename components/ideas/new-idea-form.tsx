"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Drop an idea in: project, title, description, priority. The action opens the new idea. */
export function NewIdeaForm({ action, projects, projectId }: { action: Action; projects: { id: string; name: string }[]; projectId?: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t("idea.new.project")}
          name="projectId"
          defaultValue={state.values?.projectId ?? projectId}
          options={projects.map((p) => ({ value: p.id, label: p.name }))}
          error={state.fields?.projectId}
        />
        <Field label={t("idea.new.title")} name="title" required maxLength={200} defaultValue={state.values?.title} error={state.fields?.title} className="sm:col-span-2" />
      </div>
      <TextAreaField
        label={t("idea.new.description")}
        name="description"
        rows={4}
        defaultValue={state.values?.description}
        hint={t("idea.new.descriptionHint")}
        error={state.fields?.description}
      />
      <div className="flex flex-wrap items-end gap-4">
        <SelectField
          label={t("idea.new.priority")}
          name="priority"
          defaultValue={state.values?.priority ?? "1"}
          options={[0, 1, 2, 3].map((p) => ({ value: String(p), label: t(`idea.priority.${p}`) }))}
          error={state.fields?.priority}
        />
        <Button type="submit" disabled={pending}>
          {pending ? t("common.loading") : t("idea.new.submit")}
        </Button>
      </div>
    </form>
  );
}
