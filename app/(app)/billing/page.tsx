import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { PLAN_LIMITS, type PlanLimits } from "@/lib/billing/plans";
import { config } from "@/lib/config";
import { getPreferences, getT } from "@/lib/i18n/server";
import { PLANS } from "@/db/schema";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("billing.title") };
}

const LIMITS: Array<keyof PlanLimits> = ["agents", "projects", "concurrentRuns", "runsPerMonth", "logRetentionDays"];
const th = "px-3 py-2 text-left font-semibold whitespace-nowrap";
const td = "px-3 py-2 whitespace-nowrap";

export default async function BillingPage() {
  const user = await requireUser();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const number = new Intl.NumberFormat(locale);
  const billingOn = config().stripe !== null;
  const statusKey = `billing.status.${user.subscriptionStatus ?? "none"}`;
  const status = t(statusKey) === statusKey ? user.subscriptionStatus : t(statusKey);
  const limit = (key: keyof PlanLimits, value: number | null) => {
    if (value === null) return t("billing.unlimited");
    return key === "logRetentionDays" ? t("billing.days", { count: number.format(value) }) : number.format(value);
  };

  return (
    <>
      <PageHeader title={t("billing.title")} description={t("billing.description")} />
      <div className="space-y-6">
        <Card aria-labelledby="plan-heading">
          <h2 id="plan-heading" className="text-base font-semibold">
            {t("billing.currentPlan")}
          </h2>
          <p className="mt-1 text-sm">{t("billing.yourPlan", { plan: t(`billing.plan.${user.plan}`) })}</p>
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-zinc-500 dark:text-zinc-400">{t("billing.subscription")}</dt>
            <dd>{status}</dd>
            {user.currentPeriodEnd && (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">{t("billing.periodEnd")}</dt>
                <dd>
                  <RelativeTime iso={user.currentPeriodEnd} locale={locale} />
                </dd>
              </>
            )}
          </dl>
        </Card>

        {billingOn ? (
          <EmptyState title={t("billing.comingTitle")} description={t("billing.comingBody")} />
        ) : (
          <EmptyState title={t("billing.notConfigured")} description={t("billing.notConfiguredBody")} />
        )}

        <Card aria-labelledby="limits-heading">
          <h2 id="limits-heading" className="mb-3 text-base font-semibold">
            {t("billing.limits.title")}
          </h2>
          <div role="region" aria-labelledby="limits-caption" tabIndex={0} className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption id="limits-caption" className="sr-only">
                {t("billing.limits.caption")}
              </caption>
              <thead className="border-b border-zinc-200 dark:border-zinc-800">
                <tr>
                  <th scope="col" className={th}>
                    {t("billing.limits.item")}
                  </th>
                  {PLANS.map((plan) => (
                    <th key={plan} scope="col" className={th}>
                      {t(`billing.plan.${plan}`)}
                      {plan === user.plan && (
                        <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
                          {t("billing.limits.yours")}
                        </span>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {LIMITS.map((key) => (
                  <tr key={key} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                    <th scope="row" className={`${th} font-normal text-zinc-600 dark:text-zinc-400`}>
                      {t(`billing.limit.${key}`)}
                    </th>
                    {PLANS.map((plan) => (
                      <td key={plan} className={td}>
                        {limit(key, PLAN_LIMITS[plan][key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
