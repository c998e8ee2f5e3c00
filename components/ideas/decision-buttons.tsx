"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** "Approve" (into tasks) and "Reject", each its own small form so a failure shows beside it. */
export function DecisionButtons({ ideaId, approveAction, rejectAction }: { ideaId: string; approveAction: Action; rejectAction: Action }) {
  const t = useT();
  const [approveState, approve, approving] = useActionState(approveAction, {});
  const [rejectState, reject, rejecting] = useActionState(rejectAction, {});
  const busy = approving || rejecting;
  return (
    <div className="space-y-2">
      <FormMessage state={approveState.error ? approveState : rejectState.error ? rejectState : undefined} />
      <div className="flex flex-wrap gap-2">
        <form action={approve}>
          <input type="hidden" name="id" value={ideaId} />
          <Button type="submit" disabled={busy}>
            {approving ? t("common.loading") : t("idea.decide.approve")}
          </Button>
        </form>
        <form action={reject}>
          <input type="hidden" name="id" value={ideaId} />
          <Button type="submit" variant="danger" disabled={busy}>
            {rejecting ? t("common.loading") : t("idea.decide.reject")}
          </Button>
        </form>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("idea.decide.approveHint")}</p>
    </div>
  );
}
