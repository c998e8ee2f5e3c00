/**
 * A time as the other tools store it, as our ISO-8601 UTC string: SQLite's CURRENT_TIMESTAMP
 * and datetime('now', 'subsec') ("2025-09-01 10:00:00.123", UTC without a zone), RFC 3339 with
 * an offset (chrono), or epoch milliseconds. Anything else is null.
 */
export function isoTime(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    const d = new Date(value > 1e12 ? value : value * 1000);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (typeof value !== "string") return null;
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(Z|[+-]\d\d:?\d\d)?$/i.exec(value.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? "Z"}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
