"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import {
  cancelAttemptAction,
  discardAttemptAction,
  mergeAttemptAction,
  rebaseAttemptAction,
  retryAttemptAction,
} from "../actions";

type Props = {
  attemptId: string;
  status: string;
  active: boolean;
  merged: boolean;
  discarded: boolean;
  /** Commits the branch has that its base lacks; 0 means there is nothing to merge, null unknown. */
  ahead: number | null;
  baseBranch: string | null;
};

/**
 * Merge (mode: automatic, fast-forward only, merge commit), Rebase, Discard
 * (asks for confirmation), Cancel for a running attempt, and Retry. A failed
 * or cancelled attempt leads with Retry, and merging it asks first; an
 * attempt with no commits ahead of its base offers no Merge at all (the
 * server refuses it too). A refusal (409) is shown as the server's message.
 */
export function AttemptActions({ attemptId, status, active, merged, discarded, ahead, baseBranch }: Props) {
  const t = useT();
  const [mergeState, merge, merging] = useActionState(mergeAttemptAction, {});
  const [rebaseState, rebase, rebasing] = useActionState(rebaseAttemptAction, {});
  const [discardState, discard, discarding] = useActionState(discardAttemptAction, {});
  const [cancelState, cancel, cancelling] = useActionState(cancelAttemptAction, {});
  const [retryState, retry, retrying] = useActionState(retryAttemptAction, {});
  const [confirming, setConfirming] = useState(false);
  const [confirmingMerge, setConfirmingMerge] = useState(false);
  if (discarded) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.discardedNote")}</p>;
  const unfinished = status === "failed" || status === "cancelled";
  const canMerge = !merged && ahead !== 0;
  return (
    <div className="space-y-2">
      {[retryState, mergeState, rebaseState, discardState, cancelState].map((s, i) => (
        <FormMessage key={i} state={s} />
      ))}
      {!merged && ahead === 0 && !active && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("attempts.merge.nothing", { base: baseBranch ?? "?" })}</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        {active && (
          <form action={cancel}>
            <input type="hidden" name="attemptId" value={attemptId} />
            <Button type="submit" variant="secondary" disabled={cancelling}>
              {t("attempts.cancel")}
            </Button>
          </form>
        )}
        {unfinished && !merged && (
          <form action={retry}>
            <input type="hidden" name="attemptId" value={attemptId} />
            <Button type="submit" disabled={retrying}>
              {t("attempts.retry")}
            </Button>
          </form>
        )}
        {canMerge && (
          <form action={merge} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="attemptId" value={attemptId} />
            <label className="text-sm">
              <span className="block font-medium">{t("attempts.merge.mode")}</span>
              <select name="mode" defaultValue="" className={inputClass}>
                <option value="">{t("attempts.merge.auto")}</option>
                <option value="ff">{t("attempts.merge.ff")}</option>
                <option value="merge">{t("attempts.merge.commit")}</option>
              </select>
            </label>
            {unfinished ? (
              confirmingMerge ? (
                <span role="group" aria-label={t("attempts.merge.confirmGroup")} className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name="confirmFailed" value="true" />
                  <span className="text-sm text-red-700 dark:text-red-300">
                    {t(status === "failed" ? "attempts.merge.failedQuestion" : "attempts.merge.cancelledQuestion")}
                  </span>
                  <Button type="submit" variant="danger" disabled={merging}>
                    {t("attempts.merge.anyway")}
                  </Button>
                  <Button type="button" variant="ghost" onClick={() => setConfirmingMerge(false)}>
                    {t("attempts.merge.keep")}
                  </Button>
                </span>
              ) : (
                <Button type="button" variant="secondary" onClick={() => setConfirmingMerge(true)}>
                  {t("attempts.merge")}
                </Button>
              )
            ) : (
              <Button type="submit" disabled={merging || active}>
                {t("attempts.merge")}
              </Button>
            )}
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
          <form action={discard} className="flex flex-wrap items-center gap-2" role="group" aria-label={t("attempts.discard.confirmGroup")}>
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
