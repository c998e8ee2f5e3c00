import type { TranslateFn } from "@/lib/i18n/translate";
import type { UsageTotals } from "@/lib/usage/schemas";
import { formatCompact, formatCount, formatUsd } from "./format";

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
      {detail && <dd className="mt-1 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{detail}</dd>}
    </div>
  );
}

/** Tokens, cost and runs of the range, side by side. */
export function UsageTotalsCards({ totals, locale, t }: { totals: UsageTotals; locale: string; t: TranslateFn }) {
  const all = totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;
  return (
    <section aria-label={t("usage.totals.label")}>
      <dl className="grid gap-4 sm:grid-cols-3">
        <Stat
          label={t("usage.totals.tokens")}
          value={formatCount(all, locale)}
          detail={t("usage.totals.tokensDetail", {
            input: formatCompact(totals.inputTokens, locale),
            output: formatCompact(totals.outputTokens, locale),
            cache: formatCompact(totals.cacheReadTokens + totals.cacheWriteTokens, locale),
          })}
        />
        <Stat
          label={t("usage.totals.cost")}
          value={formatUsd(totals.costUsd, locale)}
          detail={totals.runs > 0 ? t("usage.totals.perRun", { cost: formatUsd(totals.costUsd / totals.runs, locale) }) : undefined}
        />
        <Stat label={t("usage.totals.runs")} value={formatCount(totals.runs, locale)} />
      </dl>
    </section>
  );
}
