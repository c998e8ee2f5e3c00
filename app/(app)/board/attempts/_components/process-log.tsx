"use client";
import { useState } from "react";
import type { RunStatus } from "@/lib/domain";
import { RunView, StatusBadge } from "@/components/runs/run-view";
import type { RunViewRun } from "@/components/runs/live-run";
import { useT } from "@/lib/i18n/client";

/**
 * One execution process of an attempt (setup script, coding agent turn) as a
 * disclosure; its live log (the run's RunView, streamed over SSE) mounts only
 * while open, so a long attempt does not hold one stream per turn.
 */
export function ProcessLog({
  title,
  status,
  attemptStatus,
  run,
  defaultOpen,
}: {
  title: string;
  status: RunStatus;
  /** The attempt's status is shown above; a process says its own only when it differs. */
  attemptStatus: RunStatus;
  run: RunViewRun | null;
  defaultOpen: boolean;
}) {
  const t = useT();
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-md border border-zinc-200 dark:border-zinc-800">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm font-medium">
        <span>{title}</span>
        {status !== attemptStatus && <StatusBadge status={status} label={t(`run.status.${status}`)} />}
        {run && (
          <a href={`/runs/${run.id}`} className="ml-auto text-xs font-normal text-indigo-600 hover:underline dark:text-indigo-400">
            {t("attempts.process.openRun")}
          </a>
        )}
      </summary>
      {open && <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">{run ? <RunView key={run.id} run={run} logHeight="compact" embedded /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.process.noRun")}</p>}</div>}
    </details>
  );
}
