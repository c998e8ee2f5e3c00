import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { link, muted } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { LinkActions } from "@/components/links/link-actions";
import { LinkStatusBadge } from "@/components/links/link-status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getPreferences, getT } from "@/lib/i18n/server";
import { getLink } from "@/lib/links/links";
import { listAgents } from "@/lib/agents/agents";
import { deleteLinkAction, reanalyzeLinkAction } from "../actions";

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  const user = await requireUser();
  try {
    return await getLink(user.id, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).id);
  return { title: found.title ?? found.url };
}

/** One saved link: the agent's analysis, the page's text as the server read it, its run. */
export default async function LinkPage({ params }: Props) {
  const l = await load((await params).id);
  const user = await requireUser();
  const [t, { locale }, agents] = await Promise.all([getT(), getPreferences(), listAgents(user.id, { limit: 100 })]);
  const moving = l.status === "pending" || l.status === "fetching" || l.status === "analyzing";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/links" className={link}>
          ← {t("links.back")}
        </Link>
      </p>
      <PageHeader title={l.title ?? t("links.untitled")} description={l.url} actions={<LinkStatusBadge status={l.status} label={t(`links.status.${l.status}`)} />} />
      <RefreshWhile active={moving} />
      <div className="space-y-6">
        <Card className="space-y-3 text-sm">
          <p className={muted}>
            {l.domain} · {t("links.savedAt")} <RelativeTime iso={l.createdAt} locale={locale} />
            {l.fetchedAt && (
              <>
                {" "}
                · {t("links.fetchedAt")} <RelativeTime iso={l.fetchedAt} locale={locale} />
              </>
            )}
          </p>
          <p>
            <a href={l.finalUrl ?? l.url} rel="noopener noreferrer nofollow" target="_blank" className={link}>
              {t("links.open")}
            </a>
            {l.runId && (
              <>
                {" · "}
                <Link href={`/runs/${l.runId}`} className={link}>
                  {t("links.run")}
                </Link>
              </>
            )}
          </p>
          {l.mainTopic && (
            <p>
              <span className="font-medium">{t("links.mainTopic")}:</span> {l.mainTopic}
            </p>
          )}
          {l.reasonsToCare && l.reasonsToCare.length > 0 && (
            <>
              <p className="font-medium">{t("links.reasons")}</p>
              <ul className="list-disc space-y-0.5 pl-5">
                {l.reasonsToCare.map((reason, i) => (
                  <li key={i}>{reason}</li>
                ))}
              </ul>
            </>
          )}
          {l.status === "failed" && l.error && (
            <p role="note" className="rounded-md bg-red-50 px-3 py-2 break-words text-red-700 dark:bg-red-950 dark:text-red-300">
              {l.error}
            </p>
          )}
          <LinkActions
            linkId={l.id}
            label={l.title ?? l.url}
            canReanalyze={l.status === "done" || l.status === "failed"}
            reanalyzeAction={reanalyzeLinkAction}
            deleteAction={deleteLinkAction}
            back="list"
            agents={agents.data.map((a) => ({ id: a.id, name: a.name }))}
          />
        </Card>
        <section aria-labelledby="link-text-heading">
          <h2 id="link-text-heading" className="mb-3 text-base font-semibold">
            {t("links.text")}
          </h2>
          <Card>
            {l.text ? <div className="max-h-[32rem] overflow-auto text-sm leading-relaxed whitespace-pre-wrap">{l.text}</div> : <p className={muted}>{t("links.noText")}</p>}
          </Card>
        </section>
      </div>
    </>
  );
}
