"use client";
import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: string;
  /** The button that asks, e.g. "Delete agent". */
  label: string;
  /** The question, e.g. "Delete “Reviewer”?" */
  question: string;
  /** What deleting does. */
  body: string;
  /** The button that deletes, e.g. "Delete". */
  confirmLabel: string;
};

/** A delete button that asks first, in place; the confirm button gets the focus, Cancel gives it back. */
export function ConfirmDelete({ action, id, label, question, body, confirmLabel }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <div className="space-y-3">
      <Button
        id={`${regionId}-opener`}
        type="button"
        variant="dangerQuiet"
        aria-expanded={open}
        aria-controls={open ? regionId : undefined}
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      {open && (
        <form
          id={regionId}
          action={formAction}
          aria-labelledby={`${regionId}-q`}
          aria-describedby={`${regionId}-body`}
          className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950/40"
        >
          <input type="hidden" name="id" value={id} />
          <FormMessage state={state} />
          <p id={`${regionId}-q`} className="text-sm font-semibold text-red-900 dark:text-red-100">
            {question}
          </p>
          <p id={`${regionId}-body`} className="text-sm text-red-800 dark:text-red-200">
            {body}
          </p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending} autoFocus>
              {pending ? t("common.loading") : confirmLabel}
            </Button>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setOpen(false);
                document.getElementById(`${regionId}-opener`)?.focus();
              }}
            >
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
