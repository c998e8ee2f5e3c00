import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { ActionButton, Composer } from "@/components/chat/chat-forms";
import { CheckpointForm } from "@/components/chat/checkpoint-form";
import { CheckpointTimeline, DiffView } from "@/components/chat/checkpoint-timeline";
import { MessageList } from "@/components/chat/message-list";
import { liveRun, type RunViewRun } from "@/components/runs/live-run";
import { requireUser } from "@/lib/auth/current-user";
import { planLimitError } from "@/lib/billing/limits";
import { AUTO_CHECKPOINT_KEY, headCheckpointId, listCheckpoints } from "@/lib/checkpoints/checkpoints";
import { diffCheckpoint } from "@/lib/checkpoints/diff";
import { getConversation, latestMessages, turnRuns } from "@/lib/conversations/conversations";
import { AppError } from "@/lib/errors";
import { localizeError } from "@/lib/i18n/localized-error";
import { getPreferences, getT } from "@/lib/i18n/server";
import { getUserSetting } from "@/lib/users/preferences";
import { autoCheckpointAction, checkpointAction, deleteConversationAction, forkAction, restoreAction, sendMessageAction, stopConversationAction } from "../actions";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

export const dynamic = "force-dynamic";

/** How many messages the page shows at once (the newest; "Earlier messages" pages back). The API pages through all of them. */
const SHOWN = 200;

async function load(userId: string, id: string) {
  try {
    return await getConversation(userId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requireUser();
  const t = await getT();
  const conversation = await load(user.id, (await params).id);
  return { title: `${conversation.title || t("chat.untitled")} · ${t("chat.title")}` };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One conversation: its messages, the live turn, the composer, and the checkpoints timeline with restore, fork and diff. */
export default async function ConversationPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const conversation = await load(user.id, id);
  const t = await getT();
  const { locale } = await getPreferences();
  const search = await searchParams;
  const [page, checkpoints, head, limit, auto] = await Promise.all([
    latestMessages(user.id, id, SHOWN, typeof search.before === "string" ? search.before : undefined),
    listCheckpoints(user.id, id),
    headCheckpointId(user.id, id),
    planLimitError(user.id, "runsPerMonth"),
    getUserSetting(user.id, AUTO_CHECKPOINT_KEY),
  ]);
  const runs = new Map<string, RunViewRun>((await turnRuns(user.id, page.data.flatMap((m) => (m.runId ? [m.runId] : [])))).map((r) => [r.id, liveRun(r)]));
  const diffId = typeof search.diff === "string" ? search.diff : null;
  const against = typeof search.against === "string" ? search.against : "current";
  const diff = diffId ? await diffCheckpoint(user.id, diffId, against).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e))) : null;
  const limitReason = limit ? (localizeError(limit, t) as Error).message : null;
  const disabledReason = limitReason ?? (!conversation.agentId || !conversation.projectId ? t("chat.composer.noAgent") : null);
  const running = conversation.status === "running";
  const numbers = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

  return (
    <>
      <PageHeader
        title={conversation.title || t("chat.untitled")}
        description={t("chat.meta", { agent: conversation.agentName ?? t("runs.deletedAgent"), project: conversation.projectName ?? "—" })}
        actions={running ? <ActionButton action={stopConversationAction} fields={{ conversationId: id }} label={t("chat.stop")} variant="danger" /> : undefined}
      />
      <RefreshWhile active={running} everyMs={1500} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" data-conversation-status={conversation.status}>
        <div className="space-y-4">
          {conversation.sessionId && <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t("chat.session", { id: conversation.sessionId })}</p>}
          {page.earlier && (
            <Link href={`/chat/${id}?before=${encodeURIComponent(page.earlier)}`} className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
              {t("chat.earlier")}
            </Link>
          )}
          {typeof search.before === "string" && (
            <Link href={`/chat/${id}`} className="ml-3 text-sm text-indigo-600 hover:underline dark:text-indigo-400">
              {t("chat.latest")}
            </Link>
          )}
          {page.data.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("chat.noMessages")}</p> : <MessageList messages={page.data} runs={runs} t={t} numbers={numbers} money={money} />}
          <Card>
            <Composer action={sendMessageAction} conversationId={id} disabledReason={disabledReason} busy={running} />
          </Card>
        </div>
        <aside className="space-y-4" aria-labelledby="checkpoints-heading">
          <Card>
            <h2 id="checkpoints-heading" className="mb-3 text-base font-semibold">
              {t("chat.checkpoint.heading")}
            </h2>
            <CheckpointForm action={checkpointAction} conversationId={id} />
            <div className="my-3">
              <ActionButton
                action={autoCheckpointAction}
                fields={{ conversationId: id, on: auto === "false" ? "true" : "false" }}
                label={auto === "false" ? t("chat.checkpoint.autoOff") : t("chat.checkpoint.autoOn")}
                variant="ghost"
              />
            </div>
            <CheckpointTimeline conversationId={id} checkpoints={checkpoints} head={head} t={t} locale={locale} actions={{ restore: restoreAction, fork: forkAction }} />
          </Card>
          {diffId && (
            <Card aria-labelledby="diff-heading">
              <h2 id="diff-heading" className="mb-3 text-base font-semibold">
                {against === "current" ? t("chat.diff.headingNow") : t("chat.diff.heading")}
              </h2>
              {diff ? <DiffView diff={diff} t={t} /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("chat.diff.missing")}</p>}
            </Card>
          )}
          <Card>
            <ConfirmDelete
              action={deleteConversationAction}
              id={id}
              label={t("chat.delete.button")}
              question={t("chat.delete.confirmTitle", { name: conversation.title || t("chat.untitled") })}
              body={t("chat.delete.body")}
              confirmLabel={t("chat.delete.confirm")}
            />
          </Card>
        </aside>
      </div>
    </>
  );
}
