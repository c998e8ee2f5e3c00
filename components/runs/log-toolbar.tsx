"use client";
import { ChevronDown, ChevronUp, CircleAlert, Search, WrapText } from "lucide-react";
import { useLocale, useT } from "@/lib/i18n/client";
import type { LogSearchState } from "./use-log-search";

const toolButton =
  "inline-flex items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

/** Above the log: search (on the server, over the whole log) with next/previous, "Jump to first error", wrap, and the line count. */
export function LogToolbar({
  query,
  onQuery,
  search,
  hitIndex,
  onStep,
  onFirstError,
  wrap,
  onWrap,
  total,
  note,
}: {
  query: string;
  onQuery: (query: string) => void;
  search: LogSearchState;
  hitIndex: number;
  onStep: (by: 1 | -1) => void;
  onFirstError: () => void;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
  total: number;
  note: string;
}) {
  const t = useT();
  const locale = useLocale();
  const numbers = new Intl.NumberFormat(locale);
  const { hits } = search;
  const current = Math.min(hitIndex, hits.length - 1) + 1;
  const searchStatus = search.loading
    ? t("run.log.searching")
    : search.failed
      ? t("run.log.searchFailed")
      : !hits.length
        ? t("run.log.noMatches")
        : search.more
          ? t("run.log.manyMatches", { current: numbers.format(current), count: numbers.format(hits.length) })
          : t("run.log.matches", { current: numbers.format(current), count: numbers.format(hits.length) });
  return (
    <div role="toolbar" aria-label={t("run.output")} className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-40 flex-1 basis-full sm:max-w-xs sm:basis-40">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-zinc-500" />
        <input
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }}
          aria-label={t("run.log.search")}
          placeholder={t("run.log.search")}
          maxLength={500}
          className="w-full rounded-md border border-zinc-300 bg-white py-1 pr-2 pl-7 text-xs dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      {query.trim() && (
        <span role="status" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          {searchStatus}
        </span>
      )}
      <button type="button" className={toolButton} onClick={() => onStep(-1)} disabled={!hits.length} aria-label={t("run.log.previous")}>
        <ChevronUp aria-hidden className="size-3.5" />
      </button>
      <button type="button" className={toolButton} onClick={() => onStep(1)} disabled={!hits.length} aria-label={t("run.log.next")}>
        <ChevronDown aria-hidden className="size-3.5" />
      </button>
      <button type="button" className={toolButton} onClick={onFirstError} disabled={total === 0}>
        <CircleAlert aria-hidden className="size-3.5" />
        {t("run.log.firstError")}
      </button>
      <button type="button" className={toolButton} aria-pressed={wrap} onClick={() => onWrap(!wrap)}>
        <WrapText aria-hidden className="size-3.5" />
        {t("run.log.wrap")}
      </button>
      <span className="ml-auto text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{t("run.log.lineCount", { count: total, n: numbers.format(total) })}</span>
      {search.more && query.trim() && !search.loading && (
        <span role="status" className="w-full text-xs text-zinc-600 dark:text-zinc-400">
          {t("run.log.moreMatches", { count: numbers.format(hits.length) })}
        </span>
      )}
      {note && (
        <span role="status" className="w-full text-xs text-zinc-600 dark:text-zinc-400">
          {note}
        </span>
      )}
    </div>
  );
}
