import Link from "next/link";
import type { TranslateFn } from "@/lib/i18n/translate";
import { daysIn, lastDays } from "@/lib/usage/range";
import { Card } from "@/components/ui/card";
import type { ChartData, ChartMetric } from "./chart-data";
import { DailyChart } from "./daily-chart";
import { formatDay } from "./format";
import { Segmented } from "./segmented";

/**
 * The pieces /usage and /admin/usage share: the range and metric read from the
 * URL, the range bar, and the daily chart card.
 */
export const USAGE_RANGES = [7, 30, 90] as const;
const METRICS: ChartMetric[] = ["cost", "tokens"];

export type UsageView = {
  days: number;
  metric: ChartMetric;
  range: ReturnType<typeof lastDays>;
  /** First and last day shown, formatted for the reader. */
  first: string;
  last: string;
  /** Every day of the range (UTC dates), oldest first. */
  dayList: string[];
  /** A link to the same page with another range or metric (defaults left out of the URL). */
  href: (next: { days?: number; metric?: ChartMetric }) => string;
  /** For a table folded after its top rows: the link that lists all of it, or undefined when it already does. */
  showAll: (tableId: string) => string | undefined;
};

export function readUsageView(path: string, params: Record<string, string | string[] | undefined>, locale: string): UsageView {
  const days = USAGE_RANGES.find((d) => String(d) === params.days) ?? 30;
  const metric: ChartMetric = params.metric === "tokens" ? "tokens" : "cost";
  const range = lastDays(days);
  const dayList = daysIn(range);
  const href = (next: { days?: number; metric?: ChartMetric }) => {
    const query = new URLSearchParams();
    const d = next.days ?? days;
    const m = next.metric ?? metric;
    if (d !== 30) query.set("days", String(d));
    if (m !== "cost") query.set("metric", m);
    const qs = query.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const all = typeof params.all === "string" ? params.all : undefined;
  const showAll = (tableId: string) => {
    if (all === tableId) return undefined;
    const base = href({});
    return `${base}${base.includes("?") ? "&" : "?"}all=${encodeURIComponent(tableId)}#${tableId}`;
  };
  return {
    days,
    metric,
    showAll,
    range,
    dayList,
    first: formatDay(dayList[0]!, locale),
    last: formatDay(dayList[dayList.length - 1]!, locale),
    href,
  };
}

export function UsageRangeBar({ view, t }: { view: UsageView; t: TranslateFn }) {
  return (
    <div className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-2">
      <Segmented
        label={t("usage.range.label")}
        current={String(view.days)}
        options={USAGE_RANGES.map((d) => ({ key: String(d), label: t("usage.range.days", { count: d }), href: view.href({ days: d }) }))}
      />
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("usage.range.caption", { from: view.first, to: view.last })}</p>
    </div>
  );
}

/** The daily chart by model, switchable between cost and tokens; says why when no cost was priced. */
export function UsageChartCard({ id, view, chart, locale, t }: { id: string; view: UsageView; chart: ChartData; locale: string; t: TranslateFn }) {
  // Every run so far reported tokens but no priced cost: the cost chart would be blank, so say why.
  const noCost = view.metric === "cost" && chart.total === 0;
  return (
    <Card aria-labelledby={`${id}-heading`}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${id}-heading`} className="text-base font-semibold">
          {t("usage.chart.title")}
        </h2>
        <Segmented
          label={t("usage.chart.metric")}
          current={view.metric}
          options={METRICS.map((m) => ({ key: m, label: t(`usage.chart.metric.${m}`), href: view.href({ metric: m }) }))}
        />
      </div>
      {noCost ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t("usage.chart.noCost")}{" "}
          <Link href={view.href({ metric: "tokens" })} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            {t("usage.chart.metric.tokens")}
          </Link>
        </p>
      ) : (
        <DailyChart id={id} labelledBy={`${id}-heading`} data={chart} metric={view.metric} locale={locale} t={t} />
      )}
    </Card>
  );
}
