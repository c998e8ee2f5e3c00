"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";

/** "Checkpoint now", with an optional label. */
export function CheckpointForm({ action, conversationId }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; conversationId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <Field label={t("chat.checkpoint.label")} name="label" error={state.fields?.label} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("chat.checkpoint.now")}
      </Button>
    </form>
  );
}
