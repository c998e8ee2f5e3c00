"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";

/** Deletes the task (and its subtasks) after a confirmation, then goes back to the board. */
export function DeleteTaskButton({ taskId, back, action }: { taskId: string; back: string; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(t("board.panel.deleteConfirm"))) e.preventDefault();
      }}
      className="border-t border-zinc-200 pt-4 dark:border-zinc-800"
    >
      <FormMessage state={state} />
      <input type="hidden" name="id" value={taskId} />
      <input type="hidden" name="back" value={back} />
      <Button type="submit" variant="dangerQuiet" disabled={pending}>
        {t("board.panel.delete")}
      </Button>
    </form>
  );
}
