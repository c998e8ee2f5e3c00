import Link from "next/link";
import { StatusBadge } from "@/components/runs/run-view";
import { liveRun, type RunViewRun } from "@/components/runs/live-run";
import { RelativeTime } from "@/components/ui/time";
import { getAttemptDetail } from "@/lib/attempts/attempts";
import { attemptCommitsAhead, attemptDiff } from "@/lib/attempts/review";
import type { AttemptDiffView } from "@/lib/attempts/schemas";
import { AppError } from "@/lib/errors";
import { getPreferences, getT } from "@/lib/i18n/server";
import { getRunForUser } from "@/lib/runs/runs";
import { AttemptActions } from "./attempt-actions";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { DiffView, fileAnchor } from "./diff-view";
import { DraftList } from "./draft-list";
import { FollowUpForm } from "./follow-up-form";
import { ProcessLog } from "./process-log";

async function runOf(userId: string, runId: string | null): Promise<RunViewRun | null> {
  if (!runId) return null;
  const run = await getRunForUser(userId, runId).catch(() => null);
  return run && liveRun(run);
}

/**
 * One attempt: status, branch, its processes with live logs, queued
 * follow-ups and the follow-up form, files changed, and Merge / Rebase /
 * Discard. `fullDiff` adds the whole highlighted diff (the attempt page).
 * Refreshes itself every 2 s while the attempt is queued or running.
 */
export async function AttemptDetail({ userId, attemptId, fullDiff = false }: { userId: string; attemptId: string; fullDiff?: boolean }) {
  const t = await getT();
  const { locale } = await getPreferences();
  const attempt = await getAttemptDetail(userId, attemptId);
  const active = attempt.status === "queued" || attempt.status === "running";
  let diff: AttemptDiffView | null = null;
  let diffError: string | null = null;
  try {
    diff = await attemptDiff(userId, attemptId);
  } catch (error) {
    diffError = error instanceof AppError ? error.message : t("attempts.diff.unavailable");
  }
  const runs = await Promise.all(attempt.processes.map((p) => runOf(userId, p.runId)));
  const ahead = active || attempt.mergedAt || attempt.discardedAt ? null : await attemptCommitsAhead(userId, attemptId).catch(() => null);
  // The first draft is the attempt's own opening prompt, not a follow-up the user queued.
  const queued = attempt.drafts.slice(1).filter((d) => d.status === "queued");
  let turn = 0;

  return (
    <article aria-label={t("attempts.detail", { branch: attempt.branch })} className="space-y-4">
      <RefreshWhile active={active} />
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={attempt.status} label={t(`run.status.${attempt.status}`)} />
          <code className="text-sm break-all">{attempt.branch}</code>
          {attempt.mergedAt && <span className="text-xs font-medium text-emerald-700 dark:text-emerald-300">{t("attempts.mergedBadge")}</span>}
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t("attempts.meta", { agent: attempt.agentName ?? t("run.noAgent"), base: attempt.baseBranch ?? "?" })} · <RelativeTime iso={attempt.createdAt} locale={locale} />
        </p>
        {attempt.error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {attempt.error}
          </p>
        )}
        {!fullDiff && (
          <Link href={`/board/attempts/${attempt.id}`} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            {t("attempts.openPage")}
          </Link>
        )}
      </header>

      <section aria-label={t("attempts.processes")} className="space-y-2">
        <h4 className="text-sm font-medium">{t("attempts.processes")}</h4>
        {attempt.processes.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.processes.none")}</p>}
        {attempt.processes.map((p, i) => (
          <ProcessLog
            key={p.id}
            title={p.kind === "setup" ? t("attempts.process.setup") : t("attempts.process.agent", { n: ++turn })}
            status={p.status}
            attemptStatus={attempt.status}
            run={runs[i] ?? null}
            defaultOpen={i === attempt.processes.length - 1}
          />
        ))}
      </section>

      <DraftList attemptId={attempt.id} drafts={queued} />
      {!attempt.mergedAt && !attempt.discardedAt && !attempt.worktreeCleanedAt && <FollowUpForm attemptId={attempt.id} busy={active} />}

      <section aria-label={t("attempts.files")} className="space-y-2">
        <h4 className="text-sm font-medium">
          {diff ? t("attempts.files.summary", { files: diff.files.length, additions: diff.additions, deletions: diff.deletions }) : t("attempts.files")}
        </h4>
        {diffError && <p className="text-sm text-zinc-500 dark:text-zinc-400">{diffError}</p>}
        {diff && diff.files.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.diff.empty")}</p>}
        {diff && diff.files.length > 0 && (
          <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
            {diff.files.map((f) => (
              <li key={f.path} className="flex items-center gap-2 px-3 py-1.5">
                {fullDiff ? (
                  <a href={`#${fileAnchor(f.path)}`} className="flex-1 truncate font-mono text-indigo-600 hover:underline dark:text-indigo-400">{f.path}</a>
                ) : (
                  <span className="flex-1 truncate font-mono">{f.path}</span>
                )}
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{t(`attempts.fileStatus.${f.status}`)}</span>
                <span className="text-xs text-emerald-700 dark:text-emerald-300" aria-label={t("attempts.additions", { n: f.additions })}>+{f.additions}</span>
                <span className="text-xs text-red-700 dark:text-red-300" aria-label={t("attempts.deletions", { n: f.deletions })}>−{f.deletions}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <AttemptActions
        attemptId={attempt.id}
        status={attempt.status}
        active={active}
        merged={!!attempt.mergedAt}
        discarded={!!attempt.discardedAt}
        ahead={ahead}
        baseBranch={attempt.baseBranch}
      />

      {fullDiff && diff && (
        <section aria-label={t("attempts.diff.title")} className="space-y-2">
          <h2 className="text-lg font-semibold">{t("attempts.diff.title")}</h2>
          <DiffView patch={diff.patch} t={t} />
        </section>
      )}
    </article>
  );
}
