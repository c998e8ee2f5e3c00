import type { Metadata } from "next";
import Link from "next/link";
import { LINK_STATUSES } from "@/lib/domain";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { link, muted } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { LinkActions } from "@/components/links/link-actions";
import { LinkStatusBadge } from "@/components/links/link-status-badge";
import { NewLinksForm } from "@/components/links/new-links-form";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listAgents } from "@/lib/agents/agents";
import { linkDomains, listLinks } from "@/lib/links/links";
import { linkListQuery, MAX_URLS_AT_ONCE } from "@/lib/links/schemas";
import { defaultAgentId } from "@/lib/users/settings";
import { deleteLinkAction, reanalyzeLinkAction, saveLinksAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("links.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Save links, and find them again by status, domain and text; each shows what its agent made of the page. */
export default async function LinksPage({ searchParams }: Props) {
  const user = await requireUser();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = linkListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : linkListQuery.parse({});
  const [links, domains, agents, defaultAgent] = await Promise.all([
    listLinks(user.id, query),
    linkDomains(user.id),
    listAgents(user.id, { limit: 100 }),
    defaultAgentId(user.id),
  ]);
  const filtered = Boolean(query.status || query.domain || query.q || query.cursor);
  const nextHref = links.nextCursor ? `/links?${new URLSearchParams({ ...raw, cursor: links.nextCursor })}` : null;
  const moving = links.data.some((l) => l.status === "pending" || l.status === "fetching" || l.status === "analyzing");

  return (
    <>
      <PageHeader title={t("links.title")} description={t("links.description")} />
      <RefreshWhile active={moving} />
      <div className="space-y-6">
        <Card aria-labelledby="new-links-heading">
          <h2 id="new-links-heading" className="mb-4 text-base font-semibold">
            {t("links.new.heading")}
          </h2>
          <NewLinksForm action={saveLinksAction} agents={agents.data.map((a) => ({ id: a.id, name: a.name }))} hasDefault={!!defaultAgent} max={MAX_URLS_AT_ONCE} />
        </Card>

        {/* Keyed by the query: a client-side navigation (Clear filters) must not keep the old choices in the fields. */}
        <form key={new URLSearchParams(raw).toString()} role="search" aria-label={t("links.filter.heading")} className="flex flex-wrap items-end gap-3">
          <Field label={t("links.filter.search")} name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />
          <SelectField
            label={t("links.filter.status")}
            name="status"
            defaultValue={query.status ?? ""}
            options={[{ value: "", label: t("links.filter.any") }, ...LINK_STATUSES.map((s) => ({ value: s, label: t(`links.status.${s}`) }))]}
          />
          <SelectField
            label={t("links.filter.domain")}
            name="domain"
            defaultValue={query.domain ?? ""}
            options={[{ value: "", label: t("links.filter.any") }, ...domains.map((d) => ({ value: d, label: d }))]}
          />
          <Button type="submit" variant="secondary">
            {t("links.filter.submit")}
          </Button>
          {filtered && (
            <Link href="/links" className={buttonClass("ghost")}>
              {t("links.filter.clear")}
            </Link>
          )}
        </form>

        {links.data.length === 0 ? (
          filtered ? (
            <p className={muted}>{t("links.empty.filtered")}</p>
          ) : (
            <EmptyState title={t("links.empty.title")} description={t("links.empty.body")} />
          )
        ) : (
          <ul aria-label={t("links.list.label")} className="space-y-3">
            {links.data.map((l) => {
              const name = l.title ?? l.url;
              return (
                <li key={l.id} data-testid="link-item">
                  <Card className="space-y-3">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="min-w-0 space-y-1">
                        <h3 className="text-base font-semibold break-words">
                          <Link href={`/links/${l.id}`} className={link}>
                            {l.title ?? t("links.untitled")}
                          </Link>
                        </h3>
                        <p className={`${muted} text-sm break-all`}>
                          <a href={l.url} rel="noopener noreferrer nofollow" target="_blank" className="hover:underline">
                            {l.url}
                          </a>{" "}
                          · {l.domain} · <RelativeTime iso={l.createdAt} locale={locale} />
                        </p>
                      </div>
                      <LinkStatusBadge status={l.status} label={t(`links.status.${l.status}`)} />
                    </div>
                    {l.mainTopic && (
                      <div className="space-y-1 text-sm">
                        <p>
                          <span className="font-medium">{t("links.mainTopic")}:</span> <span data-testid="link-topic">{l.mainTopic}</span>
                        </p>
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
                      </div>
                    )}
                    {l.status === "failed" && l.error && (
                      <p role="note" data-testid="link-error" className="rounded-md bg-red-50 px-3 py-2 text-sm break-words text-red-700 dark:bg-red-950 dark:text-red-300">
                        {l.error}
                      </p>
                    )}
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      {l.runId ? (
                        <Link href={`/runs/${l.runId}`} className={`${link} text-sm`}>
                          {t("links.run")}
                        </Link>
                      ) : (
                        <span />
                      )}
                      <LinkActions
                        linkId={l.id}
                        label={name}
                        canReanalyze={l.status === "done" || l.status === "failed"}
                        reanalyzeAction={reanalyzeLinkAction}
                        deleteAction={deleteLinkAction}
                      />
                    </div>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
        {nextHref && (
          <Link href={nextHref} className={buttonClass("secondary")}>
            {t("links.more")}
          </Link>
        )}
      </div>
    </>
  );
}
