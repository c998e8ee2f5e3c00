import type { RunStatus } from "@/lib/domain";

/**
 * The wire format of a run's events, shared by the writer (event-log.ts) and
 * the readers (events.ts, sse.ts, the /log route).
 *
 * Storage decision: `run_events.payload` holds, byte for byte, the JSON `data`
 * of the event on the wire, and `run_events.kind` tells which event it is:
 *
 * | SSE `event:` | run_events.kind             | stream   | payload (= SSE `data:`)                                   |
 * | ------------ | --------------------------- | -------- | --------------------------------------------------------- |
 * | `log`        | the line's kind ("text", "tool_use", ...) | the line's | `{stream, kind, text, level?, data?}`           |
 * | `status`     | `run:status`                | system   | `{status, at, exitCode?, error?}` (`at`: when it changed)  |
 * | `usage`      | `run:usage`                 | system   | `{inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd, model?}` — running totals, so the latest one wins |
 * | `end`        | not stored                  |          | the finished run row: `{status, lastSeq, exitCode, error, startedAt, completedAt, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd}`, sent once every event up to its last_seq was sent; its `id:` is that last seq |
 *
 * So replay is a range scan plus string concatenation (no JSON parsing), and
 * reproduces exactly what the live tail sent. A log kind may not start with
 * `run:` (reserved): the writer stores such a kind as `run_...`.
 */
export const WIRE_EVENTS = ["log", "status", "usage", "end"] as const;
export type WireEvent = (typeof WIRE_EVENTS)[number];

export const STATUS_KIND = "run:status";
export const USAGE_KIND = "run:usage";

export function eventNameForKind(kind: string): Exclude<WireEvent, "end"> {
  if (kind === STATUS_KIND) return "status";
  if (kind === USAGE_KIND) return "usage";
  return "log";
}

/** The same mapping in SQL, for readers that format rows inside the database. */
export const EVENT_NAME_SQL = `CASE kind WHEN '${STATUS_KIND}' THEN 'status' WHEN '${USAGE_KIND}' THEN 'usage' ELSE 'log' END`;

export const TERMINAL_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];
export function isTerminalStatus(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** The `data` of a `status` event (`at` is filled in by the writer). */
export type StatusData = { status: RunStatus; at?: string; exitCode?: number | null; error?: string | null };
/** The `data` of a `usage` event: running totals for the run so far. */
export type UsageData = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number | null;
  model?: string | null;
};
/** The `data` of the final `end` event: the finished run as stored. */
export type EndData = {
  status: RunStatus;
  lastSeq: number;
  exitCode: number | null;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
};
