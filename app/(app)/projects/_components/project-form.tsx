"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { projectCreateFormSchema } from "@/lib/projects/schemas";
import { useLiveValidation } from "@/components/ui/use-live-validation";
import { createProjectAction } from "../actions";
import { RepoAndSetupFields } from "./repo-and-setup-fields";

/**
 * New project: a name, and optionally an existing folder (only when the
 * server allows some). With none allowed, the folder field is left out for
 * plain users; admins see it off, with the setting that turns it on.
 */
export function ProjectCreateForm({ roots, isAdmin }: { roots: string[]; isAdmin: boolean }) {
  const t = useT();
  const [state, action, pending] = useActionState(createProjectAction, {});
  const { formProps, error } = useLiveValidation(projectCreateFormSchema, state.fields);
  const v = state.values;
  return (
    <form action={action} className="space-y-4" {...formProps}>
      <FormMessage state={state} />
      <Field label={t("project.field.name")} name="name" required maxLength={100} autoComplete="off" defaultValue={v?.name} error={error("name")} />
      {(roots.length > 0 || isAdmin) && (
      <Field
        label={t("project.field.path")}
        name="path"
        autoComplete="off"
        spellCheck={false}
        placeholder={roots[0] ? `${roots[0]}/…` : undefined}
        disabled={roots.length === 0}
        hint={roots.length ? t("project.field.pathHint", { roots: roots.join(", ") }) : t("project.field.pathDisabledAdmin")}
        defaultValue={v?.path}
        error={error("path")}
      />
      )}
      <RepoAndSetupFields repoUrl={v?.repoUrl} setupScript={v?.setupScript} setupRows={3} error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("project.create.submit")}
      </Button>
    </form>
  );
}
