"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { projectUpdateFormSchema, type ProjectView } from "@/lib/projects/schemas";
import { useLiveValidation } from "@/components/ui/use-live-validation";
import { updateProjectAction } from "../../actions";
import { RepoAndSetupFields } from "../../_components/repo-and-setup-fields";

/** Name, repository URL and setup script; the folder itself never changes. */
export function ProjectSettingsForm({ project }: { project: ProjectView }) {
  const t = useT();
  const [state, action, pending] = useActionState(updateProjectAction, {});
  const { formProps, error } = useLiveValidation(projectUpdateFormSchema, state.fields);
  const v = state.values;
  return (
    <form action={action} className="space-y-4" {...formProps}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={project.id} />
      <Field
        label={t("project.field.name")}
        name="name"
        required
        maxLength={100}
        autoComplete="off"
        defaultValue={v?.name ?? project.name}
        error={error("name")}
      />
      <RepoAndSetupFields
        repoUrl={v?.repoUrl ?? project.repoUrl ?? ""}
        setupScript={v?.setupScript ?? project.config.setupScript ?? ""}
        setupRows={4}
        error={error}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("project.edit.submit")}
      </Button>
    </form>
  );
}
