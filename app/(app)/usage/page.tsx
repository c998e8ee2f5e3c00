import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { daysIn, lastDays, rangeQuery } from "@/lib/usage/range";
import { usageByModelPerDay, usageSummary } from "@/lib/usage/usage";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buildChartData, type ChartMetric } from "@/components/usage/chart-data";
import { DailyChart } from "@/components/usage/daily-chart";
import { formatDay } from "@/components/usage/format";
import { ProjectUsageTable } from "@/components/usage/project-table";
import { Segmented } from "@/components/usage/segmented";
import { UsageTotalsCards } from "@/components/usage/totals";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("usage.title") };
}

const RANGES = [7, 30, 90] as const;
const METRICS: ChartMetric[] = ["cost", "tokens"];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The caller's usage over the last 7, 30 or 90 days: totals, a daily chart by model, a table by project, and a CSV download. */
export default async function UsagePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const days = RANGES.find((d) => String(d) === params.days) ?? 30;
  const metric: ChartMetric = params.metric === "tokens" ? "tokens" : "cost";
  const range = lastDays(days);

  const [t, { locale }, byProject, perDay] = await Promise.all([
    getT(),
    getPreferences(),
    usageSummary(user.id, { ...range, groupBy: "project" }),
    usageByModelPerDay(user.id, range),
  ]);

  const href = (next: { days?: number; metric?: ChartMetric }) => {
    const query = new URLSearchParams();
    const d = next.days ?? days;
    const m = next.metric ?? metric;
    if (d !== 30) query.set("days", String(d));
    if (m !== "cost") query.set("metric", m);
    const qs = query.toString();
    return qs ? `/usage?${qs}` : "/usage";
  };

  const dayList = daysIn(range);
  const first = formatDay(dayList[0]!, locale);
  const last = formatDay(dayList[dayList.length - 1]!, locale);
  const { totals } = byProject;
  const empty = totals.runs === 0 && totals.inputTokens + totals.outputTokens === 0;
  const csvHref = `/api/v1/usage?${new URLSearchParams({ ...rangeQuery(range), groupBy: "day", format: "csv" })}`;

  const chart = buildChartData(dayList, perDay.data, metric);
  // Every run so far reported tokens but no priced cost: the cost chart would be blank, so say why.
  const noCost = metric === "cost" && chart.total === 0;

  return (
    <>
      <PageHeader
        title={t("usage.title")}
        description={t("usage.description")}
        actions={
          !empty && (
            <a href={csvHref} download className={buttonClass("secondary")} aria-label={t("usage.downloadCsvLabel", { from: first, to: last })}>
              {t("usage.downloadCsv")}
            </a>
          )
        }
      />

      <div className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Segmented
          label={t("usage.range.label")}
          current={String(days)}
          options={RANGES.map((d) => ({ key: String(d), label: t("usage.range.days", { count: d }), href: href({ days: d }) }))}
        />
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("usage.range.caption", { from: first, to: last })}</p>
      </div>

      {empty ? (
        <EmptyState
          title={t("usage.emptyTitle", { count: days })}
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

          <Card aria-labelledby="usage-chart-heading">
            <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
              <h2 id="usage-chart-heading" className="text-base font-semibold">
                {t("usage.chart.title")}
              </h2>
              <Segmented
                label={t("usage.chart.metric")}
                current={metric}
                options={METRICS.map((m) => ({ key: m, label: t(`usage.chart.metric.${m}`), href: href({ metric: m }) }))}
              />
            </div>
            {noCost ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {t("usage.chart.noCost")}{" "}
                <Link href={href({ metric: "tokens" })} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  {t("usage.chart.metric.tokens")}
                </Link>
              </p>
            ) : (
              <DailyChart id="usage-chart" labelledBy="usage-chart-heading" data={chart} metric={metric} locale={locale} t={t} />
            )}
          </Card>

          <section aria-labelledby="usage-projects-heading">
            <h2 id="usage-projects-heading" className="mb-3 text-base font-semibold">
              {t("usage.projects.title")}
            </h2>
            <ProjectUsageTable id="usage-projects" rows={byProject.data} totals={totals} locale={locale} t={t} />
          </section>

          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("usage.costNote")}</p>
        </div>
      )}
    </>
  );
}
