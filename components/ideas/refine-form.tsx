"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Choose the refinement agent and start it. `agents` come refinement-type first. */
export function RefineForm({ action, ideaId, agents, again }: { action: Action; ideaId: string; agents: { id: string; name: string }[]; again: boolean }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={ideaId} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t("idea.refine.agent")}
          name="agentId"
          defaultValue={state.values?.agentId}
          options={agents.map((a) => ({ value: a.id, label: a.name }))}
          hint={t("idea.refine.agentHint")}
          error={state.fields?.agentId}
        />
        <Button type="submit" disabled={pending} className="mb-5">
          {pending ? t("common.loading") : again ? t("idea.refine.again") : t("idea.refine.submit")}
        </Button>
      </div>
    </form>
  );
}
