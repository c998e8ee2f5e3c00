"use client";
import { useActionState } from "react";
import { toast } from "sonner";
import { useCloseDialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextAreaField } from "@/components/ui/field";
import { useLiveValidation } from "@/components/ui/use-live-validation";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { tagCreateSchema } from "@/lib/tags/schemas";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Props = { action: Action; deleteAction?: Action; tag?: { id: string; name: string; content: string } };

/** Create or edit a tag (name + prompt snippet); an existing tag also gets its delete button. */
export function TagForm({ action, deleteAction, tag }: Props) {
  const t = useT();
  const close = useCloseDialog();
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok) {
      toast.success(result.message ?? t("common.saved"));
      close();
    }
    return result;
  }, {});
  const [deleteState, deleteFormAction, deleting] = useActionState(deleteAction ?? (async () => ({})), {});
  const { formProps, error } = useLiveValidation(tagCreateSchema, state.fields);
  const v = state.ok && !tag ? undefined : state.values;
  return (
    <div className="space-y-2">
      <form action={formAction} className="space-y-3" {...formProps}>
        <FormMessage state={state} />
        {tag && <input type="hidden" name="id" value={tag.id} />}
        <Field label={t("board.tags.name")} name="name" required maxLength={60} autoComplete="off" defaultValue={v?.name ?? tag?.name} error={error("name")} />
        <TextAreaField label={t("board.tags.content")} name="content" rows={3} defaultValue={v?.content ?? tag?.content} error={error("content")} />
        <Button type="submit" disabled={pending} aria-label={tag ? t("board.tags.save", { name: tag.name }) : undefined}>
          {tag ? t("common.save") : t("board.tags.create")}
        </Button>
      </form>
      {tag && deleteAction && (
        <form action={deleteFormAction}>
          <FormMessage state={deleteState} />
          <input type="hidden" name="id" value={tag.id} />
          <Button type="submit" variant="dangerQuiet" disabled={deleting}>
            {t("board.tags.delete", { name: tag.name })}
          </Button>
        </form>
      )}
    </div>
  );
}
