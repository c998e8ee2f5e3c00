import type { TranslateFn } from "@/lib/i18n/translate";
import { cn } from "@/components/ui/cn";
import { headRow, th } from "@/components/ui/table";
import { labelledDays, niceCeiling, type ChartData, type ChartMetric } from "./chart-data";
import { formatCompact, formatCount, formatDay, formatUsd, formatUsdCompact } from "./format";

// One colour per series, readable on both themes; "other models" is grey. Full class names, so Tailwind finds them.
const PALETTE = [
  { fill: "fill-indigo-500 dark:fill-indigo-400", swatch: "bg-indigo-500 dark:bg-indigo-400" },
  { fill: "fill-emerald-500 dark:fill-emerald-400", swatch: "bg-emerald-500 dark:bg-emerald-400" },
  { fill: "fill-amber-500 dark:fill-amber-400", swatch: "bg-amber-500 dark:bg-amber-400" },
  { fill: "fill-rose-500 dark:fill-rose-400", swatch: "bg-rose-500 dark:bg-rose-400" },
  { fill: "fill-sky-500 dark:fill-sky-400", swatch: "bg-sky-500 dark:bg-sky-400" },
  { fill: "fill-violet-500 dark:fill-violet-400", swatch: "bg-violet-500 dark:bg-violet-400" },
];
const OTHER = { fill: "fill-zinc-400 dark:fill-zinc-500", swatch: "bg-zinc-400 dark:bg-zinc-500" };

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 10, right: 8, bottom: 26, left: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const GRID_LINES = 4;

type Props = {
  id: string;
  /** The id of the heading that names the chart (for the scrollable region around it). */
  labelledBy: string;
  data: ChartData;
  metric: ChartMetric;
  locale: string;
  t: TranslateFn;
};

/**
 * A stacked bar per UTC day, one colour per model, drawn as inline SVG.
 * Each bar segment has a <title> (the tooltip); screen readers get a
 * one-sentence summary as the image's name, and everyone can open the same
 * numbers as a table below the legend.
 */
export function DailyChart({ id, labelledBy, data, metric, locale, t }: Props) {
  const value = (n: number) => (metric === "cost" ? formatUsd(n, locale) : formatCount(n, locale));
  const axisValue = (n: number) => (metric === "cost" ? formatUsdCompact(n, locale) : formatCompact(n, locale));
  const modelName = (model: string | null) => model ?? t("usage.chart.other");
  const colour = (i: number, model: string | null) => (model === null ? OTHER : PALETTE[i % PALETTE.length]!);
  const metricName = t(`usage.chart.metric.${metric}`);

  const n = data.days.length;
  const top = niceCeiling(Math.max(0, ...data.dayTotals));
  const slot = PLOT_W / Math.max(1, n);
  const barWidth = Math.max(1, Math.min(slot * 0.72, 40));
  const y = (v: number) => PAD.top + PLOT_H - (v / top) * PLOT_H;
  const labelled = labelledDays(n);

  const summary =
    data.peak >= 0
      ? t("usage.chart.summary", {
          metric: metricName,
          from: formatDay(data.days[0]!, locale),
          to: formatDay(data.days[n - 1]!, locale),
          total: value(data.total),
          day: formatDay(data.days[data.peak]!, locale),
          max: value(data.dayTotals[data.peak]!),
        })
      : metricName;

  return (
    <div>
      <div className="relative overflow-x-auto" role="region" aria-labelledby={labelledBy} tabIndex={0}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} className="h-auto w-full min-w-[36rem]">
          <title id={`${id}-title`}>{summary}</title>
          <g aria-hidden="true">
            {Array.from({ length: GRID_LINES + 1 }, (_, i) => {
              const v = (top / GRID_LINES) * i;
              return (
                <g key={i}>
                  <line
                    x1={PAD.left}
                    x2={WIDTH - PAD.right}
                    y1={y(v)}
                    y2={y(v)}
                    className={i === 0 ? "stroke-zinc-400 dark:stroke-zinc-600" : "stroke-zinc-200 dark:stroke-zinc-800"}
                    strokeWidth={1}
                    shapeRendering="crispEdges"
                  />
                  <text x={PAD.left - 8} y={y(v)} dy="0.32em" textAnchor="end" fontSize={12} className="fill-zinc-500 dark:fill-zinc-400">
                    {axisValue(v)}
                  </text>
                </g>
              );
            })}
            {data.days.map((day, i) => {
              const x = PAD.left + i * slot + (slot - barWidth) / 2;
              let base = 0;
              return (
                <g key={day}>
                  {data.series.map((s, si) => {
                    const v = s.values[i]!;
                    if (v <= 0) return null;
                    const y0 = y(base);
                    base += v;
                    const y1 = y(base);
                    return (
                      <rect
                        key={s.model ?? "\u0000other"}
                        x={x}
                        y={y1}
                        width={barWidth}
                        height={Math.max(0.5, y0 - y1)}
                        className={cn(colour(si, s.model).fill, "stroke-white dark:stroke-zinc-900")}
                        strokeWidth={barWidth > 4 ? 0.75 : 0}
                      >
                        <title>{t("usage.chart.segment", { day: formatDay(day, locale), model: modelName(s.model), value: value(v) })}</title>
                      </rect>
                    );
                  })}
                  {labelled.has(i) && (
                    <text
                      // The first and last labels align with the plot's edges so they are never cut off.
                      x={i === n - 1 ? x + barWidth : i === 0 ? x : x + barWidth / 2}
                      y={HEIGHT - 8}
                      textAnchor={i === n - 1 ? "end" : i === 0 ? "start" : "middle"}
                      fontSize={12}
                      className="fill-zinc-500 dark:fill-zinc-400"
                    >
                      {formatDay(day, locale)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        </svg>
      </div>

      <ul aria-label={t("usage.chart.legend")} className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
        {data.series.map((s, si) => (
          <li key={s.model ?? "\u0000other"} className="flex items-center gap-2">
            <span aria-hidden className={cn("inline-block size-3 shrink-0 rounded-sm", colour(si, s.model).swatch)} />
            <span className="font-mono text-xs break-all">{modelName(s.model)}</span>
            <span className="text-zinc-500 tabular-nums dark:text-zinc-400">{value(s.total)}</span>
          </li>
        ))}
      </ul>

      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium text-indigo-600 hover:underline dark:text-indigo-400">{t("usage.chart.showTable")}</summary>
        <div className="relative mt-3 overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800" role="region" aria-labelledby={`${id}-table`} tabIndex={0}>
          <table className="min-w-full text-sm">
            <caption id={`${id}-table`} className="sr-only">
              {t("usage.chart.tableCaption", { metric: metricName })}
            </caption>
            <thead className={headRow}>
              <tr>
                <th scope="col" className={th}>
                  {t("usage.col.day")}
                </th>
                {data.series.map((s) => (
                  <th key={s.model ?? "\u0000other"} scope="col" className={cn(thRight.replace("uppercase", "normal-case"), "font-mono")}>
                    {modelName(s.model)}
                  </th>
                ))}
                <th scope="col" className={thRight}>
                  {t("usage.col.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((day, i) =>
                data.dayTotals[i]! > 0 ? (
                  <tr key={day} className="border-t border-zinc-200 dark:border-zinc-800">
                    <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                      <time dateTime={day}>{formatDay(day, locale)}</time>
                    </th>
                    {data.series.map((s) => (
                      <td key={s.model ?? "\u0000other"} className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                        {s.values[i]! > 0 ? value(s.values[i]!) : "—"}
                      </td>
                    ))}
                    <td className="px-3 py-1.5 text-right font-medium whitespace-nowrap tabular-nums">{value(data.dayTotals[i]!)}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

const thRight = th.replace("text-left", "text-right");
