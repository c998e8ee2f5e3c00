"use client";
import { useActionState } from "react";
import { toast } from "sonner";
import { TASK_STATUSES, TASK_TYPES } from "@/lib/domain";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import { useLiveValidation } from "@/components/ui/use-live-validation";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { taskUpdateSchema, type TaskView } from "@/lib/tasks/schemas";
import { PRIORITIES } from "./new-task-form";

type Props = {
  task: TaskView;
  agents: Array<{ id: string; name: string }>;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Called after a successful save (the panel goes back to reading). */
  onSaved?: () => void;
};

/** The panel's editable details: title, description, type, status, priority, agent, spec and result. */
export function TaskDetailsForm({ task, agents, action, onSaved }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok) {
      toast.success(result.message ?? t("common.saved"));
      onSaved?.();
    }
    return result;
  }, {});
  const { formProps, error } = useLiveValidation(taskUpdateSchema, state.fields);
  const v = state.values;
  return (
    <form action={formAction} className="space-y-3" {...formProps}>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={task.id} />
      <Field label={t("board.field.title")} name="title" required maxLength={200} autoFocus defaultValue={v?.title ?? task.title} error={error("title")} />
      <TextAreaField label={t("board.field.description")} name="description" rows={6} defaultValue={v?.description ?? task.description} error={error("description")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("board.field.status")}
          name="status"
          defaultValue={v?.status ?? task.status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`board.status.${s}`) }))}
        />
        <SelectField
          label={t("board.field.type")}
          name="type"
          defaultValue={v?.type ?? task.type}
          options={TASK_TYPES.map((type) => ({ value: type, label: t(`board.type.${type}`) }))}
        />
        <SelectField
          label={t("board.field.priority")}
          name="priority"
          defaultValue={v?.priority ?? String(task.priority)}
          options={PRIORITIES.map((p) => ({ value: String(p), label: t(`board.priority.${p}`) }))}
        />
        <SelectField
          label={t("board.field.agent")}
          name="assignedAgentId"
          defaultValue={v?.assignedAgentId ?? task.assignedAgentId ?? ""}
          error={error("assignedAgentId")}
          options={[{ value: "", label: t("board.field.noAgent") }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
        />
      </div>
      <TextAreaField label={t("board.field.spec")} name="spec" rows={5} defaultValue={v?.spec ?? task.spec ?? ""} error={error("spec")} />
      <TextAreaField label={t("board.field.result")} name="result" rows={3} defaultValue={v?.result ?? task.result ?? ""} error={error("result")} />
      <Button type="submit" disabled={pending}>
        {t("board.panel.save")}
      </Button>
    </form>
  );
}
