/** Number formats of the usage page, in the reader's language. Pure, so server and client components share them. */

// Building an Intl format costs far more than using one (a 1,000-project table formats 6,000 numbers): keep them.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export function formatUsd(usd: number, locale: string): string {
  // Runs often cost fractions of a cent: show four decimals below a dollar, two above.
  const small = usd > 0 && usd < 1;
  return numberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(usd);
}

/** "$1.2K" for an axis. */
export function formatUsdCompact(usd: number, locale: string): string {
  if (usd < 1000) return formatUsd(usd, locale);
  return numberFormat(locale, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 }).format(usd);
}

export function formatCount(n: number, locale: string): string {
  return numberFormat(locale).format(n);
}

/** "1.2M" / "120만". */
export function formatCompact(n: number, locale: string): string {
  return numberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** "Nov 20" / "11월 20일" for a UTC day "2026-11-20". */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
