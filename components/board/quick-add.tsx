"use client";
import { Plus } from "lucide-react";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import type { TaskStatus } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormMessage, SelectField, TextAreaField } from "@/components/ui/field";
import { useBoardOptions } from "./board-options";

type Props = {
  status: TaskStatus;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaultProjectId?: string;
};

/** A column's "+": a small dialog (title, project, optional description) that adds the task straight into that column. */
export function QuickAdd({ status, action, defaultProjectId }: Props) {
  const t = useT();
  const { projects } = useBoardOptions();
  const [open, setOpen] = useState(false);
  const statusLabel = t(`board.status.${status}`);
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok) {
      setOpen(false);
      toast.success(result.message ?? t("board.new.created"));
    }
    return result;
  }, {});
  const v = state.ok ? undefined : state.values;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t("board.quickAdd.title", { status: statusLabel })}
      trigger={
        <button
          type="button"
          aria-label={t("board.column.add", { status: statusLabel })}
          className="shrink-0 rounded p-1 text-zinc-600 lg:p-0.5 hover:bg-zinc-200 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          <Plus aria-hidden className="size-4" />
        </button>
      }
    >
      <form action={formAction} className="space-y-3">
        <FormMessage state={state.ok ? {} : state} />
        <input type="hidden" name="status" value={status} />
        <Field label={t("board.field.title")} name="title" required maxLength={200} autoComplete="off" autoFocus defaultValue={v?.title} error={state.fields?.title} />
        {projects.length > 1 ? (
          <SelectField
            label={t("board.field.project")}
            name="projectId"
            defaultValue={v?.projectId ?? defaultProjectId ?? projects[0]?.id}
            error={state.fields?.projectId}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
          />
        ) : (
          <input type="hidden" name="projectId" value={projects[0]?.id ?? ""} />
        )}
        <TextAreaField label={t("board.field.description")} name="description" rows={3} defaultValue={v?.description} error={state.fields?.description} />
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {t("board.new.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
