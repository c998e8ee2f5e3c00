"use client";
import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/validated-action";
import type { TrashKind } from "@/lib/domain";
import { useT } from "@/lib/i18n/client";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Restore, and Delete forever (which asks first, in place), for one item in the trash. */
export function TrashButtons({ kind, id, name, restore, remove }: { kind: TrashKind; id: string; name: string; restore: Action; remove: Action }) {
  const t = useT();
  const [restored, restoreAction, restoring] = useActionState(restore, {});
  const [removed, removeAction, removing] = useActionState(remove, {});
  const [asking, setAsking] = useState(false);
  const regionId = useId();
  return (
    <div className="space-y-2 whitespace-normal">
      <div className="flex flex-wrap gap-2">
        <form action={restoreAction}>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="secondary" disabled={restoring} aria-label={t("trash.restoreNamed", { name })}>
            {restoring ? t("common.loading") : t("trash.restore")}
          </Button>
        </form>
        <Button
          id={`${regionId}-opener`}
          type="button"
          variant="ghost"
          aria-expanded={asking}
          aria-controls={asking ? regionId : undefined}
          aria-label={t("trash.deleteForeverNamed", { name })}
          onClick={() => setAsking(!asking)}
        >
          {t("trash.deleteForever")}
        </Button>
      </div>
      {asking && (
        <form id={regionId} action={removeAction} aria-labelledby={`${regionId}-q`} className="max-w-sm space-y-2 rounded-md border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950/40">
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <p id={`${regionId}-q`} className="text-sm font-semibold text-red-900 dark:text-red-100">
            {t("trash.deleteForever.question", { name })}
          </p>
          <p className="text-sm text-red-800 dark:text-red-200">{t("trash.deleteForever.body")}</p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={removing} autoFocus>
              {removing ? t("common.loading") : t("trash.deleteForever")}
            </Button>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setAsking(false);
                document.getElementById(`${regionId}-opener`)?.focus();
              }}
            >
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      )}
      <FormMessage state={restored.error ? restored : undefined} />
      <FormMessage state={removed.error ? removed : undefined} />
    </div>
  );
}
