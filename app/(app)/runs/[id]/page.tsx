import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getPreferences, getT } from "@/lib/i18n/server";
import { getRunForUser } from "@/lib/runs/runs";
import { PageHeader } from "@/components/ui/card";
import { LiveRelativeTime } from "@/components/ui/live-time";
import { liveRun } from "@/components/runs/live-run";
import { RunView } from "@/components/runs/run-view";
import { RunSourceBadge } from "@/components/runs/run-source-badge";
import { runTitle } from "@/lib/runs/title";
import { cancelRunAction, retryRunAction } from "../actions";
import { continueInChatAction } from "../../chat/actions";
import { ActionButton } from "@/components/chat/chat-forms";

export const dynamic = "force-dynamic";

async function loadRun(id: string) {
  const user = await requireUser();
  try {
    return await getRunForUser(user.id, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await getT();
  const run = await loadRun((await params).id);
  const title = runTitle(run);
  return { title: title ? `${t("run.title")} · ${title.slice(0, 60)}` : t("run.title") };
}

/** The live view of one run: streams its output, replays it when finished. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = await loadRun(id);
  const t = await getT();
  const { locale } = await getPreferences();
  return (
    <>
      <PageHeader
        title={runTitle(run) || t("run.title")}
        actions={
          // A finished Claude Code run's session can go on as a conversation.
          run.executor === "claude-code" && run.agentId && run.status !== "queued" && run.status !== "running" ? (
            <ActionButton action={continueInChatAction} fields={{ runId: run.id }} label={t("chat.continue")} />
          ) : undefined
        }
      />
      <dl className="-mt-3 mb-3 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
        <div className="flex items-center gap-1.5">
          <dt className="sr-only">{t("runs.table.source")}</dt>
          <dd>
            <RunSourceBadge run={run} t={t} />
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt>{t("run.agent")}</dt>
          <dd className="font-medium text-zinc-900 dark:text-zinc-100">{run.agentName ?? t("run.noAgent")}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt>{t("run.project")}</dt>
          <dd className="font-medium text-zinc-900 dark:text-zinc-100">{run.projectName}</dd>
        </div>
        {run.model && (
          <div className="flex gap-1.5">
            <dt>{t("run.model")}</dt>
            <dd className="font-mono text-zinc-900 dark:text-zinc-100">{run.model}</dd>
          </div>
        )}
        <div className="flex gap-1.5">
          <dt>{t("run.created")}</dt>
          <dd>
            <LiveRelativeTime iso={run.createdAt} locale={locale} />
          </dd>
        </div>
      </dl>
      <details className="mb-5 rounded-md border border-zinc-200 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer px-3 py-2 font-medium">{t("runs.command")}</summary>
        <pre className="relative max-h-80 overflow-auto border-t border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap break-words dark:border-zinc-800 dark:bg-zinc-950">
          <code>{run.task}</code>
        </pre>
      </details>
      <RunView
        key={run.id}
        cancelAction={cancelRunAction}
        retryAction={run.agentId ? retryRunAction : undefined}
        run={liveRun(run)}
      />
    </>
  );
}
