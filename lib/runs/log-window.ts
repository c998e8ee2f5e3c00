import "server-only";
import { z } from "zod";
import { dbClient, yieldToEventLoop } from "@/db/client";
import { AppError } from "@/lib/errors";
import { PAYLOAD_WITHOUT_NUL_SQL, readEvents } from "./events";
import { getRunForUser } from "./runs";
import { STATUS_KIND, USAGE_KIND } from "./wire";

/**
 * Reading a run's log a window at a time, for viewers that never hold the
 * whole of it (the run page keeps a bounded window of a 1,000,000-line log):
 * a range of seqs (GET /api/v1/runs/:id/lines), and the seqs of the lines
 * that match a search or are errors (GET /api/v1/runs/:id/search), over the
 * whole log, read in bounded steps.
 */

/** Most events one /lines request returns (a seq range at most this wide). */
export const MAX_LINES_PAGE = 2000;
/** Most matches one /search request returns. */
export const MAX_SEARCH_MATCHES = 1000;
/**
 * Seqs scanned per statement of a search: a search of a 1,000,000-line run is
 * a few dozen short statements, so the process's one database connection
 * serves other requests between them.
 */
const SEARCH_STEP = 50_000;

const seqParam = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, `Must be a non-negative integer: ${what}.`)
    .transform(Number);

export const runLinesQuery = z
  .object({
    after: seqParam("the seq the page starts after").optional().describe("Events with seq > after (oldest first)."),
    before: seqParam("the seq the page ends before").optional().describe("Events with seq < before. Neither given: the last events of the log."),
    limit: z.coerce
      .number({ message: "Must be a number." })
      .int("Must be a whole number.")
      .min(1, "Must be at least 1.")
      .max(MAX_LINES_PAGE, `Must be at most ${MAX_LINES_PAGE}.`)
      .default(500)
      .describe(`How many seqs the page spans (at most ${MAX_LINES_PAGE}).`),
  })
  .refine((q) => q.after === undefined || q.before === undefined, { message: "Give either after or before, not both.", path: ["before"] });

const lineEventSchema = z.object({
  seq: z.number().int(),
  time: z.string(),
  event: z.enum(["log", "status", "usage"]),
  data: z.record(z.string(), z.unknown()),
});

export const runLinesResponse = z
  .object({
    data: z.array(lineEventSchema).describe("The events stored in from..to, oldest first; `data` as in the event stream."),
    from: z.number().int().describe("First seq of the range read (a seq in from..to with no event has none: a pruned log)."),
    to: z.number().int().describe("Last seq of the range read; `from` > `to` when the log is empty."),
    lastSeq: z.number().int().describe("The run's last seq when the request was read: the log's length."),
  })
  .meta({ id: "RunLines", description: "A range of a run's events." });
export type RunLines = z.infer<typeof runLinesResponse>;

/** The seq range one request covers: after → the next `limit` seqs, before → the `limit` seqs before it, neither → the last ones. */
export function linesRange(query: { after?: number; before?: number; limit: number }, lastSeq: number): { from: number; to: number } {
  if (query.after !== undefined) return { from: query.after + 1, to: Math.min(lastSeq, query.after + query.limit) };
  const end = Math.min(lastSeq + 1, query.before ?? lastSeq + 1);
  return { from: Math.max(1, end - query.limit), to: end - 1 };
}

export async function readRunLines(userId: string, runId: string, query: z.infer<typeof runLinesQuery>): Promise<RunLines> {
  const run = await getRunForUser(userId, runId);
  const { from, to } = linesRange(query, run.lastSeq);
  const events = to >= from ? await readEvents(runId, from - 1, to - from + 1, to) : [];
  return runLinesResponse.parse({
    data: events.map((e) => ({ seq: e.seq, time: e.time, event: e.event, data: e.data })),
    from,
    to,
    lastSeq: run.lastSeq,
  });
}

/* ---------- search ---------- */

export const runSearchQuery = z
  .object({
    q: z.string().max(500, "Must be at most 500 characters.").optional().describe("Text to find (case-insensitive for A–Z) in a line, a tool call's input, or a status and its error."),
    errors: z.enum(["1", "true"], { message: "Must be 1 or true." }).optional().describe("Instead of q: the error lines (standard error, an error level, a failed status)."),
    after: seqParam("the seq to search after").optional().describe("Search lines with seq > after (continue from the last match, or from `scannedTo`)."),
    limit: z.coerce
      .number({ message: "Must be a number." })
      .int("Must be a whole number.")
      .min(1, "Must be at least 1.")
      .max(MAX_SEARCH_MATCHES, `Must be at most ${MAX_SEARCH_MATCHES}.`)
      .default(MAX_SEARCH_MATCHES)
      .describe(`Most matches to return (at most ${MAX_SEARCH_MATCHES}).`),
  })
  .refine((q) => (q.q?.trim() ? !q.errors : !!q.errors), { message: "Give the text to find (q), or errors=1, not both.", path: ["q"] });

export const runSearchResponse = z
  .object({
    data: z.array(z.number().int()).describe("Seqs of the matching lines, in order."),
    more: z.boolean().describe("More matches follow the last one returned: continue with after=<its seq>."),
    scannedTo: z.number().int().describe("The last seq searched."),
    lastSeq: z.number().int().describe("The run's last seq when the search started."),
  })
  .meta({ id: "RunSearch", description: "Where a run's log matches a search." });
export type RunSearch = z.infer<typeof runSearchResponse>;

// What a person reads of a row, as the run page shows it: a line's text and a
// tool call's input; a status and its error; nothing of a usage row. Read from
// the payload with its NULs made visible, as the text log does (events.ts):
// SQLite's string functions stop at a NUL, which would hide the rest of a line.
const SEARCH_TEXT_SQL =
  `CASE kind WHEN '${USAGE_KIND}' THEN '' ` +
  `WHEN '${STATUS_KIND}' THEN coalesce(json_extract(payload, '$.status'), '') || ' ' || coalesce(json_extract(payload, '$.error'), '') ` +
  `ELSE coalesce(json_extract(${PAYLOAD_WITHOUT_NUL_SQL}, '$.text'), '') || char(10) || coalesce(json_extract(${PAYLOAD_WITHOUT_NUL_SQL}, '$.data'), '') END`;

/** A LIKE pattern for text containing `text` (with ESCAPE '\\'); LIKE folds A–Z only, as documented. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchRunLog(userId: string, runId: string, query: z.infer<typeof runSearchQuery>): Promise<RunSearch> {
  const run = await getRunForUser(userId, runId);
  const needle = query.q?.trim() ?? "";
  if (!needle && !query.errors) throw new AppError("validation", "Give the text to find (q), or errors=1.", { q: "Give the text to find." });
  // A cheap first test on the stored JSON (the needle as JSON escapes it), then the exact one on the decoded text.
  // LIKE rather than instr(lower(...)): no lowered copy of every row (a third faster on a million lines).
  const condition = query.errors
    ? "(stream = 'stderr' OR level = 'error')"
    : `payload LIKE ? ESCAPE '\\' AND ${SEARCH_TEXT_SQL} LIKE ? ESCAPE '\\'`;
  const needleArgs = query.errors ? [] : [containsPattern(JSON.stringify(needle).slice(1, -1)), containsPattern(needle)];
  const found: number[] = [];
  let scanned = query.after ?? 0;
  while (scanned < run.lastSeq && found.length <= query.limit) {
    const upTo = Math.min(run.lastSeq, scanned + SEARCH_STEP);
    const result = await dbClient().execute({
      sql: `SELECT seq FROM run_events WHERE run_id = ? AND seq > ? AND seq <= ? AND ${condition} ORDER BY seq LIMIT ?`,
      args: [runId, scanned, upTo, ...needleArgs, query.limit + 1 - found.length],
    });
    for (const row of result.rows) found.push(Number(row.seq));
    scanned = found.length > query.limit ? found[query.limit - 1]! : upTo;
    await yieldToEventLoop(); // each step ran synchronously: other requests get in here
  }
  const more = found.length > query.limit;
  const data = found.slice(0, query.limit);
  return runSearchResponse.parse({ data, more, scannedTo: more ? data[data.length - 1]! : Math.max(scanned, query.after ?? 0), lastSeq: run.lastSeq });
}
