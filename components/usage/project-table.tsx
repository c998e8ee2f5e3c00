import Link from "next/link";
import type { TranslateFn } from "@/lib/i18n/translate";
import type { UsageRow, UsageTotals } from "@/lib/usage/schemas";
import { cn } from "@/components/ui/cn";
import { DataTable, headRow, link, muted, row as rowClass, th } from "@/components/ui/table";
import { formatCount, formatUsd } from "./format";

const num = "px-3 py-2 whitespace-nowrap text-right tabular-nums";
const thRight = th.replace("text-left", "text-right");

/** Rows a table shows before folding the rest into one "N more" row. */
export const USAGE_TABLE_ROWS = 25;

/**
 * Usage per project in the range, costliest first, with a totals row. The
 * admin console shows other groupings (by user, by model) with the same
 * table: `labels` names its first column, caption and a deleted row (i18n
 * keys), and `nameHref` turns a row's name into a link.
 *
 * With `showAllHref`, only the costliest USAGE_TABLE_ROWS rows are listed
 * and the rest are summed in one row linking to the whole table: a person
 * reads the top of a 1,000-project table, and rendering all of it was most
 * of the page's time at that size.
 */
export function ProjectUsageTable({
  id,
  rows,
  totals,
  locale,
  t,
  labels = { column: "usage.col.project", caption: "usage.projects.caption", deleted: "usage.projects.deleted" },
  nameHref,
  showAllHref,
}: {
  id: string;
  rows: UsageRow[];
  totals: UsageTotals;
  locale: string;
  t: TranslateFn;
  labels?: { column: string; caption: string; deleted: string };
  nameHref?: (row: UsageRow) => string | undefined;
  showAllHref?: string;
}) {
  // Folding one row would save nothing, so "N more" always reads at least 2 (no plural form needed).
  const folded = showAllHref !== undefined && rows.length > USAGE_TABLE_ROWS + 1 ? rows.slice(USAGE_TABLE_ROWS) : [];
  const shown = folded.length > 0 ? rows.slice(0, USAGE_TABLE_ROWS) : rows;
  const numbers = (r: UsageTotals) => [
    formatCount(r.runs, locale),
    formatCount(r.inputTokens, locale),
    formatCount(r.outputTokens, locale),
    formatCount(r.cacheReadTokens + r.cacheWriteTokens, locale),
    formatUsd(r.costUsd, locale),
  ];
  const columns = ["usage.col.runs", "usage.col.input", "usage.col.output", "usage.col.cache", "usage.col.cost"];
  return (
    <DataTable id={id} caption={t(labels.caption)}>
      <thead className={headRow}>
        <tr>
          <th scope="col" className={th}>
            {t(labels.column)}
          </th>
          {columns.map((key) => (
            <th key={key} scope="col" className={thRight}>
              {t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <tr key={row.key ?? "deleted"} className={rowClass}>
            <th scope="row" className="max-w-xs truncate px-3 py-2 text-left font-medium" title={row.name ?? undefined}>
              {row.name === null ? (
                <span className={cn(muted, "italic")}>{t(labels.deleted)}</span>
              ) : nameHref?.(row) ? (
                <Link href={nameHref(row)!} className={link}>
                  {row.name}
                </Link>
              ) : (
                row.name
              )}
            </th>
            {numbers(row).map((text, i) => (
              <td key={columns[i]} className={num}>
                {text}
              </td>
            ))}
          </tr>
        ))}
        {folded.length > 0 && (
          <tr className={rowClass}>
            <th scope="row" className="px-3 py-2 text-left font-normal">
              <Link href={showAllHref!} className={link}>
                {t("usage.table.more", { count: folded.length })}
              </Link>
            </th>
            {numbers(sumOf(folded)).map((text, i) => (
              <td key={columns[i]} className={cn(num, muted)}>
                {text}
              </td>
            ))}
          </tr>
        )}
      </tbody>
      {rows.length > 1 && (
        <tfoot>
          <tr className="border-t-2 border-zinc-300 font-semibold dark:border-zinc-700">
            <th scope="row" className="px-3 py-2 text-left">
              {t("usage.col.total")}
            </th>
            {numbers(totals).map((text, i) => (
              <td key={columns[i]} className={num}>
                {text}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </DataTable>
  );
}

function sumOf(rows: UsageTotals[]): UsageTotals {
  const sum: UsageTotals = { runs: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 };
  for (const r of rows) {
    sum.runs += r.runs;
    sum.inputTokens += r.inputTokens;
    sum.outputTokens += r.outputTokens;
    sum.cacheReadTokens += r.cacheReadTokens;
    sum.cacheWriteTokens += r.cacheWriteTokens;
    sum.costUsd += r.costUsd;
  }
  return sum;
}
