"use client";
import { Field, TextAreaField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

/** The repository URL and setup script of a project, as the new-project and project-settings forms both ask for them. */
export function RepoAndSetupFields({
  repoUrl,
  setupScript,
  setupRows,
  error,
}: {
  repoUrl?: string;
  setupScript?: string;
  setupRows: number;
  error: (name: string) => string | undefined;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t("project.field.repoUrl")}
        name="repoUrl"
        autoComplete="off"
        spellCheck={false}
        hint={t("project.field.repoUrlHint")}
        defaultValue={repoUrl}
        error={error("repoUrl")}
      />
      <TextAreaField
        label={t("project.field.setupScript")}
        name="setupScript"
        rows={setupRows}
        spellCheck={false}
        hint={t("project.field.setupScriptHint")}
        defaultValue={setupScript}
        error={error("setupScript")}
      />
    </>
  );
}
