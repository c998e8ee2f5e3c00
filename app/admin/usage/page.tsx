import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { adminUsageByModelPerDay, adminUsageByUser, adminUsageSummary } from "@/lib/usage/admin";
import { daysIn, lastDays, rangeQuery } from "@/lib/usage/range";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buildChartData, type ChartMetric } from "@/components/usage/chart-data";
import { DailyChart } from "@/components/usage/daily-chart";
import { formatDay } from "@/components/usage/format";
import { ProjectUsageTable } from "@/components/usage/project-table";
import { Segmented } from "@/components/usage/segmented";
import { UsageTotalsCards } from "@/components/usage/totals";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.usage.title") };
}

const RANGES = [7, 30, 90] as const;
const METRICS: ChartMetric[] = ["cost", "tokens"];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every user's usage over the last 7, 30 or 90 days: totals, the daily chart by model, tables by user, model and project, and a CSV download. */
export default async function AdminUsagePage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const days = RANGES.find((d) => String(d) === params.days) ?? 30;
  const metric: ChartMetric = params.metric === "tokens" ? "tokens" : "cost";
  const range = lastDays(days);

  const [t, { locale }, byProject, byModel, byUser, perDay] = await Promise.all([
    getT(),
    getPreferences(),
    adminUsageSummary(admin, { ...range, groupBy: "project" }),
    adminUsageSummary(admin, { ...range, groupBy: "model" }),
    adminUsageByUser(admin, range),
    adminUsageByModelPerDay(admin, range),
  ]);

  const href = (next: { days?: number; metric?: ChartMetric }) => {
    const query = new URLSearchParams();
    const d = next.days ?? days;
    const m = next.metric ?? metric;
    if (d !== 30) query.set("days", String(d));
    if (m !== "cost") query.set("metric", m);
    const qs = query.toString();
    return qs ? `/admin/usage?${qs}` : "/admin/usage";
  };

  const dayList = daysIn(range);
  const first = formatDay(dayList[0]!, locale);
  const last = formatDay(dayList[dayList.length - 1]!, locale);
  const { totals } = byProject;
  const empty = totals.runs === 0 && totals.inputTokens + totals.outputTokens === 0;
  const csvHref = `/admin/usage/export?${new URLSearchParams({ ...rangeQuery(range), groupBy: "day" })}`;

  const chart = buildChartData(dayList, perDay.data, metric);
  const noCost = metric === "cost" && chart.total === 0;

  return (
    <>
      <PageHeader
        title={t("admin.usage.title")}
        description={t("admin.usage.description")}
        actions={
          !empty && (
            <a href={csvHref} download className={buttonClass("secondary")} aria-label={t("admin.usage.downloadCsvLabel", { from: first, to: last })}>
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
        <EmptyState title={t("usage.emptyTitle", { count: days })} description={t("admin.usage.emptyBody")} />
      ) : (
        <div className="space-y-6">
          <UsageTotalsCards totals={totals} locale={locale} t={t} />

          <Card aria-labelledby="admin-usage-chart-heading">
            <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
              <h2 id="admin-usage-chart-heading" className="text-base font-semibold">
                {t("usage.chart.title")}
              </h2>
              <Segmented
                label={t("usage.chart.metric")}
                current={metric}
                options={METRICS.map((m) => ({ key: m, label: t(`usage.chart.metric.${m}`), href: href({ metric: m }) }))}
              />
            </div>
            {noCost ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("usage.chart.noCost")}</p>
            ) : (
              <DailyChart id="admin-usage-chart" labelledBy="admin-usage-chart-heading" data={chart} metric={metric} locale={locale} t={t} />
            )}
          </Card>

          <section aria-labelledby="admin-usage-users-heading">
            <h2 id="admin-usage-users-heading" className="mb-3 text-base font-semibold">
              {t("admin.usage.users.title")}
            </h2>
            <ProjectUsageTable
              id="admin-usage-users"
              rows={byUser.data}
              totals={totals}
              locale={locale}
              t={t}
              labels={{ column: "admin.usage.users.col", caption: "admin.usage.users.caption", deleted: "admin.usage.users.deleted" }}
              nameHref={(row) => (row.key ? `/admin/users/${row.key}` : undefined)}
            />
          </section>

          <section aria-labelledby="admin-usage-models-heading">
            <h2 id="admin-usage-models-heading" className="mb-3 text-base font-semibold">
              {t("admin.usage.models.title")}
            </h2>
            <ProjectUsageTable
              id="admin-usage-models"
              rows={byModel.data}
              totals={totals}
              locale={locale}
              t={t}
              labels={{ column: "admin.usage.models.col", caption: "admin.usage.models.caption", deleted: "admin.usage.models.unknown" }}
            />
          </section>

          <section aria-labelledby="admin-usage-projects-heading">
            <h2 id="admin-usage-projects-heading" className="mb-3 text-base font-semibold">
              {t("usage.projects.title")}
            </h2>
            <ProjectUsageTable
              id="admin-usage-projects"
              rows={byProject.data}
              totals={totals}
              locale={locale}
              t={t}
              labels={{ column: "usage.col.project", caption: "admin.usage.projects.caption", deleted: "usage.projects.deleted" }}
            />
          </section>

          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("usage.costNote")}</p>
        </div>
      )}
    </>
  );
}
