"use client";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { useCloseDialog } from "@/components/ui/dialog";
import { TASK_TYPES } from "@/lib/domain";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import { useLiveValidation } from "@/components/ui/use-live-validation";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { taskCreateSchema } from "@/lib/tasks/schemas";
import { useBoardOptions } from "./board-options";
import { TagPicker } from "./tag-picker";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Preselected from the board's project filter. */
  defaultProjectId?: string;
};

export const PRIORITIES = [3, 2, 1, 0] as const;

/** The "New task" form: project, title, description, type, priority, agent and tags. */
export function NewTaskForm({ action, defaultProjectId }: Props) {
  const t = useT();
  const { projects, agents, tags } = useBoardOptions();
  const [tagIds, setTagIds] = useState<string[]>([]);
  const close = useCloseDialog();
  // React resets the form's fields after a successful action; the tag choice lives in state, so clear it too.
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok) {
      setTagIds([]);
      toast.success(result.message ?? t("board.new.created"));
      close();
    }
    return result;
  }, {});
  const { formProps, error } = useLiveValidation(taskCreateSchema, state.fields);
  const v = state.ok ? undefined : state.values;

  return (
    <form action={formAction} className="space-y-4" {...formProps}>
      <FormMessage state={state} />
      <input type="hidden" name="tagIds" value={tagIds.join(",")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("board.field.project")}
          name="projectId"
          defaultValue={v?.projectId ?? defaultProjectId ?? projects[0]?.id}
          error={error("projectId")}
          options={projects.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Field label={t("board.field.title")} name="title" required maxLength={200} autoComplete="off" defaultValue={v?.title} error={error("title")} />
      </div>
      <TextAreaField label={t("board.field.description")} name="description" rows={3} defaultValue={v?.description} error={error("description")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t("board.field.type")}
          name="type"
          defaultValue={v?.type ?? "feature"}
          error={error("type")}
          options={TASK_TYPES.map((type) => ({ value: type, label: t(`board.type.${type}`) }))}
        />
        <SelectField
          label={t("board.field.priority")}
          name="priority"
          defaultValue={v?.priority ?? "1"}
          error={error("priority")}
          options={PRIORITIES.map((p) => ({ value: String(p), label: t(`board.priority.${p}`) }))}
        />
        <SelectField
          label={t("board.field.agent")}
          name="assignedAgentId"
          defaultValue={v?.assignedAgentId ?? ""}
          error={error("assignedAgentId")}
          options={[{ value: "", label: t("board.field.noAgent") }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
        />
      </div>
      {tags.length > 0 && <TagPicker tags={tags} selected={tagIds} onChange={setTagIds} />}
      <Button type="submit" disabled={pending}>
        {t("board.new.submit")}
      </Button>
    </form>
  );
}
