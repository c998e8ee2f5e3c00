"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { cancelAttemptAction, discardAttemptAction, mergeAttemptAction, rebaseAttemptAction } from "../actions";

/**
 * Merge (mode: automatic, fast-forward only, merge commit), Rebase, Discard
 * (asks for confirmation) and Cancel for a running attempt. A refusal (409:
 * conflict, still running) is shown as the server's message.
 */
export function AttemptActions({ attemptId, active, merged, discarded }: { attemptId: string; active: boolean; merged: boolean; discarded: boolean }) {
  const t = useT();
  const [mergeState, merge, merging] = useActionState(mergeAttemptAction, {});
  const [rebaseState, rebase, rebasing] = useActionState(rebaseAttemptAction, {});
  const [discardState, discard, discarding] = useActionState(discardAttemptAction, {});
  const [cancelState, cancel, cancelling] = useActionState(cancelAttemptAction, {});
  const [confirming, setConfirming] = useState(false);
  if (discarded) return <p className="text-sm text-zinc-500">{t("attempts.discardedNote")}</p>;
  return (
    <div className="space-y-2">
      {[mergeState, rebaseState, discardState, cancelState].map((s, i) => (
        <FormMessage key={i} state={s} />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        {active && (
          <form action={cancel}>
            <input type="hidden" name="attemptId" value={attemptId} />
            <Button type="submit" variant="secondary" disabled={cancelling}>
              {t("attempts.cancel")}
            </Button>
          </form>
        )}
        {!merged && (
          <form action={merge} className="flex items-end gap-2">
            <input type="hidden" name="attemptId" value={attemptId} />
            <label className="text-sm">
              <span className="block font-medium">{t("attempts.merge.mode")}</span>
              <select name="mode" defaultValue="" className={inputClass}>
                <option value="">{t("attempts.merge.auto")}</option>
                <option value="ff">{t("attempts.merge.ff")}</option>
                <option value="merge">{t("attempts.merge.commit")}</option>
              </select>
            </label>
            <Button type="submit" disabled={merging || active}>
              {t("attempts.merge")}
            </Button>
          </form>
        )}
        {!merged && (
          <form action={rebase}>
            <input type="hidden" name="attemptId" value={attemptId} />
            <Button type="submit" variant="secondary" disabled={rebasing || active}>
              {t("attempts.rebase")}
            </Button>
          </form>
        )}
        {!confirming ? (
          <Button type="button" variant="ghost" onClick={() => setConfirming(true)}>
            {t("attempts.discard")}
          </Button>
        ) : (
          <form action={discard} className="flex items-center gap-2" role="group" aria-label={t("attempts.discard.confirmGroup")}>
            <input type="hidden" name="attemptId" value={attemptId} />
            <span className="text-sm text-red-700 dark:text-red-300">{t("attempts.discard.question")}</span>
            <Button type="submit" variant="danger" disabled={discarding}>
              {t("attempts.discard.confirm")}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {t("attempts.discard.keep")}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
