import type { Plan } from "@/lib/domain";
import { PLANS } from "@/lib/domain";
import { PLAN_LIMITS, type PlanLimits } from "@/lib/billing/plans";
import { formatBytes } from "@/lib/format/bytes";
import { getPreferences, getT } from "@/lib/i18n/server";

const LIMITS: Array<keyof PlanLimits> = ["agents", "projects", "concurrentRuns", "runsPerMonth", "logRetentionDays", "imageStorageBytes", "apiTokens", "tags"];
const th = "px-3 py-2 text-left font-semibold whitespace-nowrap";
const td = "px-3 py-2 whitespace-nowrap";

/**
 * What each plan allows (`PLAN_LIMITS` in lib/billing/plans.ts, the one place that knows), read
 * only: on /billing, with the viewer's own plan marked, and on /admin/settings.
 */
export async function PlanLimitsTable({ yours }: { yours?: Plan }) {
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const number = new Intl.NumberFormat(locale);
  const limit = (key: keyof PlanLimits, value: number | null) => {
    if (value === null) return t("billing.unlimited");
    if (key === "imageStorageBytes") return formatBytes(value);
    return key === "logRetentionDays" ? t("billing.days", { count: number.format(value) }) : number.format(value);
  };
  return (
    <div role="region" aria-labelledby="limits-caption" tabIndex={0} className="relative overflow-x-auto">
      <table id="plan-limits" className="min-w-full text-sm">
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
                {plan === yours && (
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
  );
}
