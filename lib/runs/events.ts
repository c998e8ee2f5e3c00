import "server-only";
import { dbClient, yieldToEventLoop } from "@/db/client";
import type { EventStream, RunStatus } from "@/lib/domain";
import { onRunNotify } from "./notify";
import { EVENT_NAME_SQL, eventNameForKind, isTerminalStatus, type EndData, type WireEvent } from "./wire";

/**
 * Reading the durable run log: pages by (run_id, seq) range scans, and
 * `subscribe()`, the replay-then-tail iterator behind the SSE routes.
 *
 * No gap, no duplicate: a subscriber only ever asks the database for
 * "seq > last sent" and remembers the highest seq it sent; notifications
 * (in process) and polling (across processes) only say when to ask again.
 */

export type StoredRunEvent = {
  seq: number;
  time: string;
  event: Exclude<WireEvent, "end">;
  stream: EventStream;
  level: string | null;
  kind: string;
  /** The event's `data` on the wire. */
  data: Record<string, unknown>;
};

/** Events with seq > afterSeq (and at most upToSeq), oldest first: an index range scan on the (run_id, seq) primary key. */
export async function readEvents(runId: string, afterSeq: number, limit = 1000, upToSeq = Number.MAX_SAFE_INTEGER): Promise<StoredRunEvent[]> {
  const result = await dbClient().execute({
    sql: "SELECT seq, time, stream, level, kind, payload FROM run_events WHERE run_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
    args: [runId, afterSeq, upToSeq, limit],
  });
  return result.rows.map((row) => ({
    seq: Number(row.seq),
    time: String(row.time),
    event: eventNameForKind(String(row.kind)),
    stream: row.stream as EventStream,
    level: row.level === null ? null : String(row.level),
    kind: String(row.kind),
    data: JSON.parse(String(row.payload)) as Record<string, unknown>,
  }));
}

/* ---------- pages formatted inside SQLite ---------- */

// Replaying 200,000 events must not build 200,000 JS row objects: SQLite
// concatenates a whole page into one string (group_concat ... ORDER BY seq).
// A log event's data also says when the line was written (`at`, the row's time; a status event has its own),
// still by concatenation: a stored payload is always a JSON object with fields, so "{" opens it.
const SSE_DATA_SQL = `CASE WHEN kind LIKE 'run:%' THEN payload ELSE '{"at":' || json_quote(time) || ',' || substr(payload, 2) END`;
const SSE_FRAME_SQL = `'id: ' || seq || char(10) || 'event: ' || ${EVENT_NAME_SQL} || char(10) || 'data: ' || ${SSE_DATA_SQL} || char(10) || char(10)`;
const NDJSON_LINE_SQL = `'{"seq":' || seq || ',"time":' || json_quote(time) || ',"event":"' || ${EVENT_NAME_SQL} || '","data":' || payload || '}' || char(10)`;
// A NUL in a line (stored escaped as \u0000 in the JSON payload) would end the
// text there once decoded: SQLite's string functions and the client read text
// up to the first NUL, so one NUL used to cut every later line off the page.
// The escape is turned into U+2400 "␀" before decoding. Escaped backslashes
// are parked on char(1) meanwhile (JSON never holds a raw control character),
// so a literal backslash-u0000 typed in the text stays as it was.
export const PAYLOAD_WITHOUT_NUL_SQL = `replace(replace(replace(payload, '\\\\', char(1)), '\\u0000', '\\u2400'), char(1), '\\\\')`;
const TEXT_LINE_SQL = `CASE WHEN kind LIKE 'run:%' THEN '' ELSE coalesce(json_extract(${PAYLOAD_WITHOUT_NUL_SQL}, '$.text'), '') || char(10) END`;

const FORMATS = { sse: SSE_FRAME_SQL, ndjson: NDJSON_LINE_SQL, text: TEXT_LINE_SQL } as const;
export type PageFormat = keyof typeof FORMATS;

/** The run row as the stream needs it (also the `data` of the `end` event). */
export type RunSnapshot = EndData;

const SNAPSHOT_COLUMNS =
  "r.status, r.last_seq, r.exit_code, r.error, r.started_at, r.completed_at, r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_tokens, r.cost_usd";
export type FormattedPage = {
  /** Events in this page (0 when caught up). */
  count: number;
  /** Seq of the last event in the page (the cursor for the next one); undefined when empty. */
  lastSeq: number | undefined;
  text: string;
  /** The run row as of the same read: consistent with the page (one SELECT sees one snapshot). */
  run: RunSnapshot | null;
};

/**
 * One page of events after `afterSeq` (and at most `upToSeq`), already
 * formatted, together with the run's status and last_seq read in the same
 * statement, so "caught up and finished" is decided on a consistent view.
 */
export async function readFormattedPage(
  runId: string,
  afterSeq: number,
  limit: number,
  format: PageFormat,
  upToSeq: number = Number.MAX_SAFE_INTEGER,
): Promise<FormattedPage> {
  const result = await dbClient().execute({
    sql:
      `SELECT ${SNAPSHOT_COLUMNS}, p.n, p.last, p.text FROM agent_runs r, ` +
      `(SELECT count(*) AS n, max(seq) AS last, group_concat(${FORMATS[format]}, '' ORDER BY seq) AS text ` +
      "FROM (SELECT seq, time, kind, payload FROM run_events WHERE run_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?)) p " +
      "WHERE r.id = ?",
    args: [runId, afterSeq, upToSeq, limit, runId],
  });
  const row = result.rows[0];
  if (!row) return { count: 0, lastSeq: undefined, text: "", run: null };
  const count = Number(row.n);
  return {
    count,
    lastSeq: count > 0 ? Number(row.last) : undefined,
    text: count > 0 ? String(row.text) : "",
    run: {
      status: row.status as RunStatus,
      lastSeq: Number(row.last_seq),
      exitCode: row.exit_code === null ? null : Number(row.exit_code),
      error: row.error === null ? null : String(row.error),
      startedAt: row.started_at === null ? null : String(row.started_at),
      completedAt: row.completed_at === null ? null : String(row.completed_at),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      cacheReadTokens: Number(row.cache_read_tokens),
      cacheWriteTokens: Number(row.cache_write_tokens),
      costUsd: Number(row.cost_usd),
    },
  };
}

/* ---------- watching a run: one per run per process, shared by its subscribers ---------- */

type Watcher = {
  runId: string;
  refs: number;
  /** Bumped whenever the run may have changed; subscribers re-read when it moves. */
  gen: number;
  knownLastSeq: number;
  knownStatus: string | null;
  waiters: Set<() => void>;
  timer: ReturnType<typeof setInterval>;
  polling: boolean;
  unlisten: () => void;
};

const globalForWatchers = globalThis as unknown as {
  __switchboardRunWatchers?: Map<string, Watcher>;
  __switchboardRunReads?: Map<string, Promise<FormattedPage>>;
  __switchboardRunGeneration?: { value: number };
};
const watchers = (globalForWatchers.__switchboardRunWatchers ??= new Map());
// Identical reads in flight (same run, cursor, page size and generation) are shared:
// 200 viewers woken by one commit cost one query, not 200.
const reads = (globalForWatchers.__switchboardRunReads ??= new Map());

export const DEFAULT_POLL_MS = 250;

// Generations come from one counter, so a read shared under one key is never mistaken for another watcher's.
const generation = (globalForWatchers.__switchboardRunGeneration ??= { value: 0 });

function bump(w: Watcher) {
  w.gen = ++generation.value;
  const waiting = w.waiters;
  w.waiters = new Set();
  for (const wake of waiting) wake();
}

async function poll(w: Watcher) {
  if (w.polling) return;
  w.polling = true;
  try {
    const result = await dbClient().execute({ sql: "SELECT status, last_seq FROM agent_runs WHERE id = ?", args: [w.runId] });
    const row = result.rows[0];
    const lastSeq = row ? Number(row.last_seq) : -1;
    const status = row ? String(row.status) : null;
    // A deleted run wakes its subscribers too: they find no row and stop.
    if (!row || lastSeq > w.knownLastSeq || status !== w.knownStatus) {
      w.knownLastSeq = Math.max(w.knownLastSeq, lastSeq);
      w.knownStatus = status;
      bump(w);
    }
  } catch {
    // A busy or briefly unreachable database: the next poll tries again.
  } finally {
    w.polling = false;
  }
}

function acquireWatcher(runId: string, pollMs: number): Watcher {
  let w = watchers.get(runId);
  if (!w) {
    const watcher: Watcher = {
      runId,
      refs: 0,
      gen: ++generation.value,
      knownLastSeq: 0,
      knownStatus: null,
      waiters: new Set(),
      // Another process (a scaled-out worker) writes without telling us: look at the row now and then.
      timer: setInterval(() => void poll(watcher), pollMs),
      polling: false,
      unlisten: onRunNotify(runId, (lastSeq) => {
        if (lastSeq !== null) watcher.knownLastSeq = Math.max(watcher.knownLastSeq, lastSeq);
        else watcher.knownStatus = null; // status changed: let the next poll see it as new too
        bump(watcher);
      }),
    };
    watcher.timer.unref?.();
    watchers.set(runId, watcher);
    w = watcher;
  }
  w.refs++;
  return w;
}

function releaseWatcher(w: Watcher) {
  if (--w.refs > 0) return;
  clearInterval(w.timer);
  w.unlisten();
  if (watchers.get(w.runId) === w) watchers.delete(w.runId);
  bump(w);
}

function waitForChange(w: Watcher, gen: number, signal?: AbortSignal): Promise<void> {
  if (w.gen !== gen || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      w.waiters.delete(done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    w.waiters.add(done);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function sharedRead(runId: string, afterSeq: number, limit: number, gen: number): Promise<FormattedPage> {
  const key = `${runId}|${afterSeq}|${limit}|${gen}`;
  let read = reads.get(key);
  if (!read) {
    read = readFormattedPage(runId, afterSeq, limit, "sse");
    reads.set(key, read);
    const forget = () => {
      if (reads.get(key) === read) reads.delete(key);
    };
    read.then(forget, forget);
  }
  return read;
}

/** How many runs this process is watching (tests check that disconnects release everything). */
export function watchedRunCount(): number {
  return watchers.size;
}

/* ---------- subscribe ---------- */

export type SubscribeOptions = {
  /** Stop (and release the watcher) when aborted: the client went away. */
  signal?: AbortSignal;
  /** How often to look for rows written by other processes (default 250 ms). */
  pollMs?: number;
  /** Events per replay page (default REPLAY_PAGE). */
  pageSize?: number;
};

/**
 * Events per replay page: a million-line replay is 500 queries. Each query's
 * statement is freed once the event loop turns (db/client.ts), which the
 * replay lets it do between pages.
 */
export const REPLAY_PAGE = 2000;

export type SseChunk =
  | { type: "events"; count: number; lastSeq: number; text: string }
  | { type: "end"; lastSeq: number; text: string; data: EndData };

export function endFrame(data: EndData): string {
  return `id: ${data.lastSeq}\nevent: end\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Every event after `afterSeq`, exactly once and in order, as SSE frames:
 * replay from the database page by page, then the live tail (woken by
 * in-process notifications, and by polling for writers in other processes),
 * then one `end` chunk once the run is finished and everything up to its
 * last seq was yielded. Ends early, releasing everything, when `signal` aborts
 * or the run is deleted.
 *
 * Contract with the writer: set the run's final status only after
 * `await log.close()`, so "finished" implies "last_seq is final".
 */
export async function* subscribe(runId: string, afterSeq: number, options: SubscribeOptions = {}): AsyncGenerator<SseChunk, void, void> {
  const { signal } = options;
  const pageSize = Math.max(1, options.pageSize ?? REPLAY_PAGE);
  const w = acquireWatcher(runId, Math.max(10, options.pollMs ?? DEFAULT_POLL_MS));
  try {
    let lastSent = Math.max(0, afterSeq);
    while (!signal?.aborted) {
      const gen = w.gen;
      const page = await sharedRead(runId, lastSent, pageSize, gen);
      if (signal?.aborted || !page.run) return;
      if (page.count > 0 && page.lastSeq !== undefined) {
        yield { type: "events", count: page.count, lastSeq: page.lastSeq, text: page.text };
        lastSent = page.lastSeq;
        if (page.count >= pageSize) {
          // More to replay. Let the event loop turn first: the query finished synchronously, so
          // a fast reader would otherwise replay a whole log without letting other requests in
          // or letting the driver free the statements (db/client.ts).
          await yieldToEventLoop();
          continue;
        }
      }
      // Caught up as of this snapshot. A finished run's last_seq is final: we are done.
      if (isTerminalStatus(page.run.status)) {
        const data: EndData = page.run;
        yield { type: "end", lastSeq: data.lastSeq, text: endFrame(data), data };
        return;
      }
      await waitForChange(w, gen, signal);
    }
  } finally {
    releaseWatcher(w);
  }
}
