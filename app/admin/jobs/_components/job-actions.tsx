"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useT } from "@/lib/i18n/client";
import { jobAction } from "../actions";

/** Retry (dead, failed, cancelled) and Cancel (pending, running) for one job row, with the outcome under them. */
export function JobActions({ id, type, canRetry, canCancel }: { id: string; type: string; canRetry: boolean; canCancel: boolean }) {
  const t = useT();
  const [state, action, pending] = useActionState(jobAction, {});
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <div className="flex gap-2">
        {canRetry && (
          <Button type="submit" name="op" value="retry" variant="secondary" disabled={pending} className="px-2 py-1">
            {t("admin.jobs.retry")}
            <span className="sr-only"> {type} {id}</span>
          </Button>
        )}
        {canCancel && (
          <Button type="submit" name="op" value="cancel" variant="secondary" disabled={pending} className="px-2 py-1">
            {t("admin.jobs.cancel")}
            <span className="sr-only"> {type} {id}</span>
          </Button>
        )}
      </div>
      <p
        role={state.error ? "alert" : "status"}
        className={cn("text-xs", state.error ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400")}
      >
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
