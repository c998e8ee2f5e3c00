import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { rangeQuery } from "@/lib/usage/range";
import { usageByModelPerDay, usageSummary } from "@/lib/usage/usage";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { buildChartData } from "@/components/usage/chart-data";
import { ProjectUsageTable } from "@/components/usage/project-table";
import { UsageTotalsCards } from "@/components/usage/totals";
import { readUsageView, UsageChartCard, UsageRangeBar } from "@/components/usage/report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("usage.title") };
}

const PROVIDER_LABELS = { column: "usage.providers.col", caption: "usage.providers.caption", deleted: "usage.providers.none" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The caller's usage over the last 7, 30 or 90 days: totals, a daily chart by model, tables by project and by provider, and a CSV download. */
export default async function UsagePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const [t, { locale }, params] = await Promise.all([getT(), getPreferences(), searchParams]);
  const view = readUsageView("/usage", params, locale);
  const [byProject, byProvider, perDay] = await Promise.all([
    usageSummary(user.id, { ...view.range, groupBy: "project" }),
    usageSummary(user.id, { ...view.range, groupBy: "provider" }),
    usageByModelPerDay(user.id, view.range),
  ]);
  const { totals } = byProject;
  const empty = totals.runs === 0 && totals.inputTokens + totals.outputTokens === 0;
  const csvHref = `/api/v1/usage?${new URLSearchParams({ ...rangeQuery(view.range), groupBy: "day", format: "csv" })}`;
  const chart = buildChartData(view.dayList, perDay.data, view.metric);

  return (
    <>
      <PageHeader
        title={t("usage.title")}
        description={t("usage.description")}
        actions={
          !empty && (
            <a href={csvHref} download className={buttonClass("secondary")} aria-label={t("usage.downloadCsvLabel", { from: view.first, to: view.last })}>
              {t("usage.downloadCsv")}
            </a>
          )
        }
      />

      <UsageRangeBar view={view} t={t} />

      {empty ? (
        <EmptyState
          title={t("usage.emptyTitle", { count: view.days })}
          description={t("usage.emptyBody")}
          action={
            <Link href="/runs" className={buttonClass("secondary")}>
              {t("usage.emptyAction")}
            </Link>
          }
        />
      ) : (
        <div className="space-y-6">
          <UsageTotalsCards totals={totals} locale={locale} t={t} />

          <UsageChartCard id="usage-chart" view={view} chart={chart} locale={locale} t={t} />

          <section aria-labelledby="usage-projects-heading">
            <h2 id="usage-projects-heading" className="mb-3 text-base font-semibold">
              {t("usage.projects.title")}
            </h2>
            <ProjectUsageTable
              id="usage-projects"
              rows={byProject.data}
              totals={totals}
              locale={locale}
              t={t}
              showAllHref={view.showAll("usage-projects")}
            />
          </section>

          <section aria-labelledby="usage-providers-heading">
            <h2 id="usage-providers-heading" className="mb-3 text-base font-semibold">
              {t("usage.providers.title")}
            </h2>
            <ProjectUsageTable id="usage-providers" rows={byProvider.data} totals={totals} locale={locale} t={t} labels={PROVIDER_LABELS} />
          </section>

          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("usage.costNote")}</p>
        </div>
      )}
    </>
  );
}
