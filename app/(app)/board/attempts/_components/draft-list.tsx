"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { cancelDraftAction } from "../actions";

/** Follow-ups waiting for the agent, in the order they will run; each can be withdrawn. */
export function DraftList({ attemptId, drafts }: { attemptId: string; drafts: { id: string; message: string }[] }) {
  const t = useT();
  const [state, action, pending] = useActionState(cancelDraftAction, {});
  if (drafts.length === 0) return null;
  return (
    <section aria-label={t("attempts.drafts.title")} className="space-y-1">
      <h4 className="text-sm font-medium">{t("attempts.drafts.title")}</h4>
      <FormMessage state={state.error ? state : undefined} />
      <ol className="space-y-1">
        {drafts.map((d, i) => (
          <li key={d.id} className="flex items-start gap-2 rounded-md bg-zinc-50 px-2 py-1 text-sm dark:bg-zinc-800/50">
            <span className="text-zinc-500 dark:text-zinc-400">{i + 1}.</span>
            <span className="flex-1 whitespace-pre-wrap">{d.message}</span>
            <form action={action}>
              <input type="hidden" name="attemptId" value={attemptId} />
              <input type="hidden" name="draftId" value={d.id} />
              <Button type="submit" variant="ghost" className="px-2 py-0.5 text-xs" disabled={pending} aria-label={t("attempts.drafts.cancel", { n: i + 1 })}>
                {t("attempts.drafts.cancelShort")}
              </Button>
            </form>
          </li>
        ))}
      </ol>
    </section>
  );
}
