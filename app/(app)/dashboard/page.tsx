import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { planUsage } from "@/lib/billing/usage";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listRuns } from "@/lib/runs/lifecycle";
import { Card, PageHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { PlanMeters } from "@/components/billing/plan-meters";
import { StatusBadge } from "@/components/runs/run-view";
import { RunSourceBadge } from "@/components/runs/run-source-badge";
import { runTitle } from "@/lib/runs/title";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const [usage, recent] = await Promise.all([planUsage(user.id), listRuns(user.id, { limit: 5 })]);
  const steps = [
    { href: "/projects", text: t("dashboard.step.project"), done: usage.usage.projects > 0 },
    { href: "/agents", text: t("dashboard.step.agent"), done: usage.usage.agents > 0 },
    { href: "/runs", text: t("dashboard.step.run"), done: recent.data.length > 0 },
  ];
  return (
    <>
      <PageHeader title={t("dashboard.title")} description={t("dashboard.welcome", { name: user.name || user.email })} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {steps.some((s) => !s.done) && (
          <Card className="lg:col-span-2">
            <h2 className="text-base font-semibold">{t("dashboard.gettingStarted")}</h2>
            <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm">
              {steps.map((s) => (
                <li key={s.href} className={s.done ? "text-zinc-500 line-through dark:text-zinc-400" : undefined}>
                  <Link href={s.href} className="text-indigo-600 hover:underline dark:text-indigo-400">
                    {s.text}
                  </Link>
                </li>
              ))}
            </ol>
          </Card>
        )}
        <Card aria-labelledby="recent-runs">
          <div className="flex items-baseline justify-between">
            <h2 id="recent-runs" className="text-base font-semibold">
              {t("dashboard.recentRuns")}
            </h2>
            <Link href="/runs" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
              {t("dashboard.allRuns")}
            </Link>
          </div>
          {recent.data.length === 0 ? (
            <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">{t("dashboard.noRuns")}</p>
          ) : (
            <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800">
              {recent.data.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                  <StatusBadge status={r.status} label={t(`run.status.${r.status}`)} />
                  <Link href={`/runs/${r.id}`} className="min-w-0 flex-1 basis-40 truncate text-indigo-600 hover:underline dark:text-indigo-400">
                    {runTitle(r) || t("run.title")}
                  </Link>
                  <RunSourceBadge run={r} t={t} />
                  <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
                    <RelativeTime iso={r.createdAt} locale={locale} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="plan-usage">
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id="plan-usage" className="text-base font-semibold">
              {t("dashboard.planUsage", { plan: t(`billing.plan.${usage.plan}`) })}
            </h2>
            <Link href="/billing" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
              {t("nav.billing")}
            </Link>
          </div>
          <PlanMeters usage={usage} t={t} />
        </Card>
      </div>
    </>
  );
}
