import type { UsageGroupBy, UsageResponse } from "./schemas";

/*
 * The CSV form of a usage report (GET /api/v1/usage?format=csv). RFC 4180:
 * comma-separated, CRLF line ends, a field quoted when it holds a comma, a
 * quote or a line break, quotes inside doubled. Text that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */

const GROUP_COLUMNS: Record<UsageGroupBy, string[]> = {
  day: ["date"],
  model: ["model"],
  project: ["project_id", "project"],
  agent: ["agent_id", "agent"],
  provider: ["provider_key", "provider"],
};

const NUMBER_COLUMNS = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd", "runs"];

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function usageCsv(report: UsageResponse): string {
  const header = [...GROUP_COLUMNS[report.groupBy], ...NUMBER_COLUMNS];
  const lines = report.data.map((row) => {
    const group = GROUP_COLUMNS[report.groupBy].length === 2 ? [row.key, row.name] : [row.name];
    return [
      ...group,
      row.inputTokens,
      row.outputTokens,
      row.cacheReadTokens,
      row.cacheWriteTokens,
      // Fixed-point, so a tiny cost does not come out as 5e-7.
      row.costUsd.toFixed(6),
      row.runs,
    ]
      .map(csvField)
      .join(",");
  });
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}

/** "usage-by-day-2026-10-25-to-2026-11-23.csv" (both dates included). */
export function usageCsvFilename(report: UsageResponse): string {
  const lastIncluded = new Date(new Date(report.to).getTime() - 1).toISOString().slice(0, 10);
  return `usage-by-${report.groupBy}-${report.from.slice(0, 10)}-to-${lastIncluded}.csv`;
}
