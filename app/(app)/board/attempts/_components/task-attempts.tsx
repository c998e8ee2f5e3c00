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
 * The attempts section of a task's side panel on /board: start an attempt,
 * the task's attempts (status, branch, age), and the latest one in full
 * (live logs, follow-ups, files changed, merge/rebase/discard). Older
 * attempts open on their own page, /board/attempts/[id].
 */
export async function TaskAttempts({ userId, taskId }: { userId: string; taskId: string; projectId: string }) {
  const t = await getT();
  const { locale } = await getPreferences();
  const [task, attempts, agents] = await Promise.all([getTask(userId, taskId), listAttemptsForTask(userId, taskId), listAgents(userId, { limit: 100 })]);
  const latest = attempts[0];
  return (
    // The board's side panel gives this section its heading ("Attempts").
    <div className="space-y-4">
      <details open={attempts.length === 0} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">{t("attempts.start.title")}</summary>
        <div className="mt-3">
          <StartAttemptForm taskId={taskId} agents={agents.data.map((a) => ({ id: a.id, name: a.name }))} defaultAgentId={task.assignedAgentId} />
        </div>
      </details>
      {attempts.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.none")}</p>
      ) : (
        <ul aria-label={t("attempts.list")} className="space-y-1 text-sm">
          {attempts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2">
              <StatusBadge status={a.status} label={t(`run.status.${a.status}`)} />
              <Link href={`/board/attempts/${a.id}`} className="font-mono text-xs break-all text-indigo-600 hover:underline dark:text-indigo-400">
                {a.branch}
              </Link>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                <RelativeTime iso={a.createdAt} locale={locale} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {latest && <AttemptDetail userId={userId} attemptId={latest.id} />}
    </div>
  );
}
