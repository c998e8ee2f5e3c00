import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { adminUsageByModelPerDay, adminUsageByUser, adminUsageSummary } from "@/lib/usage/admin";
import { rangeQuery } from "@/lib/usage/range";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { buildChartData } from "@/components/usage/chart-data";
import { ProjectUsageTable } from "@/components/usage/project-table";
import { UsageTotalsCards } from "@/components/usage/totals";
import { readUsageView, UsageChartCard, UsageRangeBar } from "@/components/usage/report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.usage.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every user's usage over the last 7, 30 or 90 days: totals, the daily chart by model, tables by user, model, provider and project, and a CSV download. */
export default async function AdminUsagePage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const [t, { locale }, params] = await Promise.all([getT(), getPreferences(), searchParams]);
  const view = readUsageView("/admin/usage", params, locale);
  const [byProject, byModel, byProvider, byUser, perDay] = await Promise.all([
    adminUsageSummary(admin, { ...view.range, groupBy: "project" }),
    adminUsageSummary(admin, { ...view.range, groupBy: "model" }),
    adminUsageSummary(admin, { ...view.range, groupBy: "provider" }),
    adminUsageByUser(admin, view.range),
    adminUsageByModelPerDay(admin, view.range),
  ]);
  const { totals } = byProject;
  const empty = totals.runs === 0 && totals.inputTokens + totals.outputTokens === 0;
  const csvHref = `/admin/usage/export?${new URLSearchParams({ ...rangeQuery(view.range), groupBy: "day" })}`;
  const chart = buildChartData(view.dayList, perDay.data, view.metric);

  return (
    <>
      <PageHeader
        title={t("admin.usage.title")}
        description={t("admin.usage.description")}
        actions={
          !empty && (
            <a href={csvHref} download className={buttonClass("secondary")} aria-label={t("admin.usage.downloadCsvLabel", { from: view.first, to: view.last })}>
              {t("usage.downloadCsv")}
            </a>
          )
        }
      />

      <UsageRangeBar view={view} t={t} />

      {empty ? (
        <EmptyState title={t("usage.emptyTitle", { count: view.days })} description={t("admin.usage.emptyBody")} />
      ) : (
        <div className="space-y-6">
          <UsageTotalsCards totals={totals} locale={locale} t={t} />

          <UsageChartCard id="admin-usage-chart" view={view} chart={chart} locale={locale} t={t} />

          <section aria-labelledby="admin-usage-users-heading">
            <h2 id="admin-usage-users-heading" className="mb-3 text-base font-semibold">
              {t("admin.usage.users.title")}
            </h2>
            <ProjectUsageTable
              id="admin-usage-users"
              showAllHref={view.showAll("admin-usage-users")}
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

          <section aria-labelledby="admin-usage-providers-heading">
            <h2 id="admin-usage-providers-heading" className="mb-3 text-base font-semibold">
              {t("usage.providers.title")}
            </h2>
            <ProjectUsageTable
              id="admin-usage-providers"
              rows={byProvider.data}
              totals={totals}
              locale={locale}
              t={t}
              labels={{ column: "usage.providers.col", caption: "admin.usage.providers.caption", deleted: "usage.providers.none" }}
            />
          </section>

          <section aria-labelledby="admin-usage-projects-heading">
            <h2 id="admin-usage-projects-heading" className="mb-3 text-base font-semibold">
              {t("usage.projects.title")}
            </h2>
            <ProjectUsageTable
              id="admin-usage-projects"
              showAllHref={view.showAll("admin-usage-projects")}
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
