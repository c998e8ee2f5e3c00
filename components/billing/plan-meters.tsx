import Link from "next/link";
import type { PlanUsage } from "@/lib/billing/usage";
import { formatBytes } from "@/lib/format/bytes";
import type { TranslateFn } from "@/lib/i18n/translate";

type Meter = {
  key: string;
  usage: keyof PlanUsage["usage"];
  limit: keyof PlanUsage["limits"];
  format?: (n: number) => string;
};

const METERS: Meter[] = [
  { key: "agents", usage: "agents", limit: "agents" },
  { key: "projects", usage: "projects", limit: "projects" },
  { key: "runsPerMonth", usage: "runsThisMonth", limit: "runsPerMonth" },
  { key: "concurrentRuns", usage: "concurrentRuns", limit: "concurrentRuns" },
  { key: "imageStorageBytes", usage: "imageStorageBytes", limit: "imageStorageBytes", format: formatBytes },
  { key: "apiTokens", usage: "apiTokens", limit: "apiTokens" },
  { key: "tags", usage: "tags", limit: "tags" },
];

/** One progress bar per plan limit; a limit that bites says how to lift it. */
export function PlanMeters({ usage, t }: { usage: PlanUsage; t: TranslateFn }) {
  const full = METERS.some((m) => {
    const limit = usage.limits[m.limit];
    return limit !== null && usage.usage[m.usage] >= limit;
  });
  return (
    <div className="space-y-3">
      <ul className="grid gap-3 sm:grid-cols-2">
        {METERS.map((m) => {
          const used = usage.usage[m.usage];
          const limit = usage.limits[m.limit];
          const ratio = limit === null ? 0 : Math.min(1, used / Math.max(1, limit));
          const label = t(`billing.limit.${m.key}`);
          const show = m.format ?? String;
          return (
            <li key={m.key}>
              <div className="flex justify-between text-sm">
                <span>{label}</span>
                <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                  {limit === null ? t("dashboard.meter.unlimited", { used: show(used) }) : t("dashboard.meter.of", { used: show(used), limit: show(limit) })}
                </span>
              </div>
              <div
                role="progressbar"
                aria-label={label}
                aria-valuemin={0}
                aria-valuemax={limit ?? used}
                aria-valuenow={used}
                className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
              >
                <div
                  className={ratio >= 1 ? "h-full bg-red-500" : ratio >= 0.8 ? "h-full bg-amber-500" : "h-full bg-indigo-500"}
                  style={{ width: `${limit === null ? 0 : Math.round(ratio * 100)}%` }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      {full && usage.plan === "FREE" && (
        <p className="text-sm">
          {t("dashboard.meter.full")}{" "}
          <Link href="/billing" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            {t("dashboard.meter.upgrade")}
          </Link>
        </p>
      )}
    </div>
  );
}
