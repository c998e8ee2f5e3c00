"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** "Analyse again" (once the link is done or failed) and "Delete", each its own small form. */
export function LinkActions({
  linkId,
  label,
  canReanalyze,
  reanalyzeAction,
  deleteAction,
  back,
  agents,
}: {
  linkId: string;
  /** The link as people call it, for the buttons' accessible names. */
  label: string;
  canReanalyze: boolean;
  reanalyzeAction: Action;
  deleteAction: Action;
  back?: "list";
  /** When given, "Analyse again" offers a choice of agent (kept as the link's agent). */
  agents?: { id: string; name: string }[];
}) {
  const t = useT();
  const [againState, again, requeueing] = useActionState(reanalyzeAction, {});
  const [deleteState, remove, deleting] = useActionState(deleteAction, {});
  const shown = againState.error ? againState : deleteState.error ? deleteState : undefined;
  return (
    <div className="space-y-2">
      <FormMessage state={shown} />
      <div className="flex flex-wrap items-end gap-2">
        {canReanalyze && (
          <form action={again} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="id" value={linkId} />
            {agents && (
              <SelectField
                label={t("links.reanalyzeWith")}
                name="agentId"
                defaultValue=""
                options={[{ value: "", label: t("links.sameAgent") }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
              />
            )}
            <Button type="submit" variant="secondary" disabled={requeueing || deleting} aria-label={`${t("links.reanalyze")}: ${label}`}>
              {requeueing ? t("common.loading") : t("links.reanalyze")}
            </Button>
          </form>
        )}
        <form
          action={remove}
          onSubmit={(e) => {
            if (!window.confirm(t("links.deleteConfirm"))) e.preventDefault();
          }}
        >
          <input type="hidden" name="id" value={linkId} />
          {back && <input type="hidden" name="back" value={back} />}
          <Button type="submit" variant="danger" disabled={requeueing || deleting} aria-label={`${t("links.delete")}: ${label}`}>
            {deleting ? t("common.loading") : t("links.delete")}
          </Button>
        </form>
      </div>
    </div>
  );
}
