/*
 * Date ranges of usage reports, shared by the API, lib/usage and the /usage
 * page. Pure (no "server-only"): a range is a half-open UTC interval
 * [from, to) of ISO instants, so days line up with the stored ISO strings.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RANGE_DAYS = 30;

/** What the API accepts for `from` and `to`: a UTC date, or an ISO datetime with a time zone. */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export type UsageRange = {
  /** Inclusive start, ISO-8601 UTC with milliseconds. */
  from: string;
  /** Exclusive end, ISO-8601 UTC with milliseconds. */
  to: string;
};

/** Midnight UTC at the start of the day `iso` falls in. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** "2026-11-23" for an instant, in UTC. */
export function utcDay(date: Date | string): string {
  return (typeof date === "string" ? new Date(date) : date).toISOString().slice(0, 10);
}

/**
 * The instant a `from` or `to` value names. A date means midnight UTC of
 * that day; as a `to` it means the whole day, so its end is the next
 * midnight. A datetime is taken as the exact instant (and `to` excludes it).
 */
export function instantOf(value: string, edge: "from" | "to"): Date {
  if (DATE_ONLY.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    return edge === "to" ? new Date(start.getTime() + DAY_MS) : start;
  }
  return new Date(value);
}

/**
 * `from`/`to` as given (either may be missing) → the interval to query.
 * Neither: the last `days` days up to the end of today (UTC), today included.
 * One of them: `days` days from `from` or up to `to`.
 */
export function resolveRange(input: { from?: string; to?: string }, now = new Date(), days = DEFAULT_RANGE_DAYS): UsageRange {
  const span = days * DAY_MS;
  const endOfToday = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  const from = input.from ? instantOf(input.from, "from") : null;
  const to = input.to ? instantOf(input.to, "to") : from ? new Date(from.getTime() + span) : endOfToday;
  return { from: (from ?? new Date(to.getTime() - span)).toISOString(), to: to.toISOString() };
}

/** The last `days` whole UTC days, today included: what the /usage page's 7/30/90 picker shows. */
export function lastDays(days: number, now = new Date()): UsageRange {
  return resolveRange({}, now, days);
}

/** Each UTC day ("YYYY-MM-DD") the range touches, in order. */
export function daysIn(range: UsageRange): string[] {
  const days: string[] = [];
  const end = new Date(range.to).getTime();
  for (let t = startOfUtcDay(new Date(range.from)).getTime(); t < end; t += DAY_MS) days.push(utcDay(new Date(t)));
  return days;
}

/** The range as the API's `from`/`to` query values: whole days when it is day-aligned, else exact instants. */
export function rangeQuery(range: UsageRange): { from: string; to: string } {
  const aligned = (iso: string) => iso.endsWith("T00:00:00.000Z");
  if (aligned(range.from) && aligned(range.to)) {
    return { from: range.from.slice(0, 10), to: utcDay(new Date(new Date(range.to).getTime() - DAY_MS)) };
  }
  return range;
}
