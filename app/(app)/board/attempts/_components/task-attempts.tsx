import Link from "next/link";
import { StatusBadge } from "@/components/runs/run-view";
import { RelativeTime } from "@/components/ui/time";
import { listAgents } from "@/lib/agents/agents";
import { listAttemptsForTask } from "@/lib/attempts/attempts";
import { getPreferences, getT } from "@/lib/i18n/server";
import { getTask } from "@/lib/tasks/tasks";
import { AttemptDetail } from "./attempt-detail";
import { StartAttemptForm } from "./start-attempt-form";

/**
 * The attempts section of a task's side panel on /board: the latest attempt
 * in full (live log, follow-ups, files changed, merge/rebase/discard), then
 * a new attempt on demand, then the earlier attempts, each on its own page
 * (/board/attempts/[id]). With no attempt yet, the start form leads.
 */
export async function TaskAttempts({ userId, taskId }: { userId: string; taskId: string; projectId: string }) {
  const t = await getT();
  const { locale } = await getPreferences();
  const [task, attempts, agents] = await Promise.all([getTask(userId, taskId), listAttemptsForTask(userId, taskId), listAgents(userId, { limit: 100 })]);
  const [latest, ...earlier] = attempts;
  const startForm = <StartAttemptForm taskId={taskId} agents={agents.data.map((a) => ({ id: a.id, name: a.name }))} defaultAgentId={task.assignedAgentId} />;
  if (!latest)
    return (
      <div className="space-y-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("attempts.none")}</p>
        {startForm}
      </div>
    );
  return (
    // The board's side panel gives this section its heading ("Latest attempt").
    <div className="space-y-4">
      <AttemptDetail userId={userId} attemptId={latest.id} />
      <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">{t("attempts.start.another")}</summary>
        <div className="mt-3">{startForm}</div>
      </details>
      {earlier.length > 0 && (
        <section aria-labelledby="earlier-attempts">
          <h4 id="earlier-attempts" className="mb-1 text-sm font-medium">
            {t("attempts.earlier")}
          </h4>
          <ul aria-label={t("attempts.list")} className="space-y-1 text-sm">
            {earlier.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2">
                <StatusBadge status={a.status} label={t(`run.status.${a.status}`)} />
                <Link href={`/board/attempts/${a.id}`} className="font-mono text-xs break-all text-indigo-600 hover:underline dark:text-indigo-400">
                  {a.branch}
                </Link>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  <RelativeTime iso={a.createdAt} locale={locale} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
