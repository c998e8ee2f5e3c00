/** Number formats of the usage page, in the reader's language. Pure, so server and client components share them. */

export function formatUsd(usd: number, locale: string): string {
  // Runs often cost fractions of a cent: show four decimals below a dollar, two above.
  const small = usd > 0 && usd < 1;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(usd);
}

/** "$1.2K" for an axis. */
export function formatUsdCompact(usd: number, locale: string): string {
  if (usd < 1000) return formatUsd(usd, locale);
  return new Intl.NumberFormat(locale, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 }).format(usd);
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** "1.2M" / "120만". */
export function formatCompact(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** "Nov 20" / "11월 20일" for a UTC day "2026-11-20". */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
