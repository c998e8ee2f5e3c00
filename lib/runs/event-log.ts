import "server-only";
import type { InValue } from "@libsql/client";
import { dbClient } from "@/db/client";
import type { EventStream } from "@/lib/domain";
import type { RunLogEvent } from "@/lib/executors/types";
import { notifyRunEvents } from "./notify";
import { STATUS_KIND, USAGE_KIND, type StatusData, type UsageData } from "./wire";

/**
 * The durable run log's writer. Every event becomes one run_events row; rows
 * are buffered and committed in small batches, ONE write transaction per
 * batch: chunked multi-row INSERTs plus the UPDATE of agent_runs.last_seq.
 *
 * Sequence numbers are allocated inside that transaction from
 * agent_runs.last_seq (INSERT ... SELECT r.last_seq + n), so they are strictly
 * increasing with no gaps, a retried or resumed writer continues after the
 * last stored event, and even two writers on one run (a stale worker whose
 * lease expired) interleave instead of colliding. Readers see a batch all at
 * once or not at all, so they never observe a gap.
 *
 * After each commit, in-process subscribers are woken (notify.ts); other
 * processes find the rows by polling (events.ts).
 *
 * Flush policy: a batch starts `delayMs` after its first event (10 ms by
 * default; never more than 25 ms) or as soon as `maxBatch` (500) events are
 * waiting. While a commit runs, new events gather and go in the next one.
 * See wire.ts for what is stored.
 */

export type RunStatusEvent = { event: "status" } & StatusData;
export type RunUsageEvent = { event: "usage" } & UsageData;
export type RunEventInput = RunLogEvent | RunStatusEvent | RunUsageEvent;

export type RunLogOptions = {
  /** Commit at once when this many events are waiting (default 500). */
  maxBatch?: number;
  /** Wait this long after the first buffered event before committing (default 10, at most 25). */
  delayMs?: number;
  /** Told about failed background commits (they are retried); default console.error. */
  onError?: (error: unknown) => void;
};

export type RunLog = {
  /** Buffer one event. Never blocks, waits for the database or throws (commit errors surface in flush/close); dropped after close(). */
  append(event: RunEventInput): void;
  /** Commit everything appended so far; resolves with the run's last committed seq. */
  flush(): Promise<number>;
  /** Flush and stop accepting events. Call before setting the run's final status. */
  close(): Promise<number>;
  /** Highest seq this writer has committed (0 before its first commit). */
  readonly lastSeq: number;
  /** Events buffered but not committed yet. */
  readonly pending: number;
};

type Row = { time: string; stream: EventStream; level: string | null; kind: string; payload: string };

/** Rows per INSERT statement: 100 rows x 6 variables stays far below SQLite's oldest 999-variable limit. */
const ROWS_PER_STATEMENT = 100;
const MAX_TEXT = 1_000_000;
const STREAMS: readonly string[] = ["stdout", "stderr", "system"];

const insertSqlCache = new Map<number, string>();
function insertSql(rows: number): string {
  let sql = insertSqlCache.get(rows);
  if (!sql) {
    sql =
      "INSERT INTO run_events (run_id, seq, time, stream, level, kind, payload) " +
      "SELECT r.id, r.last_seq + v.column1, v.column2, v.column3, v.column4, v.column5, v.column6 " +
      `FROM agent_runs r, (VALUES ${Array.from({ length: rows }, () => "(?,?,?,?,?,?)").join(",")}) v WHERE r.id = ?`;
    insertSqlCache.set(rows, sql);
  }
  return sql;
}

/** Turn what an executor (or the run lifecycle) appends into a stored row. */
export function toRow(event: RunEventInput, time = new Date().toISOString()): Row {
  if ("event" in event) {
    if (event.event === "status") {
      const { event: _e, status, at, ...rest } = event;
      const data = { status, at: at ?? time, ...rest };
      return { time, stream: "system", level: status === "failed" ? "error" : null, kind: STATUS_KIND, payload: JSON.stringify(data) };
    }
    const { event: _e, ...data } = event;
    return { time, stream: "system", level: null, kind: USAGE_KIND, payload: JSON.stringify(data) };
  }
  const stream: EventStream = STREAMS.includes(event.stream) ? event.stream : "stdout";
  let kind = typeof event.kind === "string" && event.kind ? event.kind : "text";
  if (kind.startsWith("run:")) kind = "run_" + kind.slice(4);
  let text = typeof event.text === "string" ? event.text : String(event.text ?? "");
  if (text.length > MAX_TEXT) text = `${text.slice(0, MAX_TEXT)}… [${text.length - MAX_TEXT} more characters not kept]`;
  const data: Record<string, unknown> = { stream, kind, text };
  if (event.level) data.level = event.level;
  if (event.data !== undefined) data.data = event.data;
  return { time, stream, level: event.level ?? null, kind, payload: JSON.stringify(data) };
}

/**
 * Commit one batch in one write transaction; returns the run's new last_seq,
 * or null when the run row no longer exists (its events are dropped then).
 */
async function commitBatch(runId: string, rows: Row[]): Promise<number | null> {
  const stmts: { sql: string; args: InValue[] }[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const n = Math.min(ROWS_PER_STATEMENT, rows.length - start);
    const args: InValue[] = new Array(n * 6 + 1);
    for (let i = 0; i < n; i++) {
      const row = rows[start + i]!;
      const o = i * 6;
      args[o] = start + i + 1;
      args[o + 1] = row.time;
      args[o + 2] = row.stream;
      args[o + 3] = row.level;
      args[o + 4] = row.kind;
      args[o + 5] = row.payload;
    }
    args[n * 6] = runId;
    stmts.push({ sql: insertSql(n), args });
  }
  stmts.push({ sql: "UPDATE agent_runs SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq", args: [rows.length, runId] });
  const results = await dbClient().batch(stmts, "write");
  const value = results[results.length - 1]?.rows[0]?.[0];
  return value === undefined || value === null ? null : Number(value);
}

export function createRunLog(runId: string, options: RunLogOptions = {}): RunLog {
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  const delayMs = Math.min(25, Math.max(0, options.delayMs ?? 10));
  const onError = options.onError ?? ((error: unknown) => console.error(`run ${runId}: could not write its log; retrying`, error));

  // A queue with a moving head, so taking a batch off a long buffer is O(batch).
  let queue: Row[] = [];
  let head = 0;
  let lastSeq = 0;
  let closed = false;
  let runGone = false;
  let warnedLate = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let draining: Promise<void> | null = null;
  let failures = 0;

  const pending = () => queue.length - head;

  function clearTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  /** Commit batches until the queue is empty; one drain at a time. */
  function drain(): Promise<void> {
    if (draining) return draining;
    clearTimer();
    draining = (async () => {
      try {
        while (pending() > 0) {
          const batch = queue.slice(head, head + maxBatch);
          const seq = runGone ? null : await commitBatch(runId, batch);
          // Only now leave the queue: a failed commit is retried with the same rows (and allocates no seq).
          head += batch.length;
          if (head > 4096 && head * 2 > queue.length) {
            queue = queue.slice(head);
            head = 0;
          }
          failures = 0;
          if (seq === null) {
            if (!runGone) console.warn(`run ${runId}: the run no longer exists; dropping its log events`);
            runGone = true;
            continue;
          }
          lastSeq = seq;
          notifyRunEvents(runId, seq);
        }
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  function retryLater() {
    failures++;
    if (!closed && !timer) timer = setTimeout(background, Math.min(2000, 50 * 2 ** Math.min(failures, 6)));
  }

  function background() {
    timer = null;
    drain().then(
      () => {
        // Events appended while the last commit ran are waiting: start the next batch.
        if (pending() > 0) schedule();
      },
      (error: unknown) => {
        onError(error);
        retryLater();
      },
    );
  }

  function schedule() {
    if (draining || timer) return; // the running drain picks new events up
    timer = setTimeout(background, pending() >= maxBatch ? 0 : delayMs);
  }

  async function flush(): Promise<number> {
    clearTimer();
    try {
      // A drain in progress may have started before the latest appends: drain again until empty.
      while (draining || pending() > 0) await drain();
    } catch (error) {
      retryLater();
      throw error;
    }
    return lastSeq;
  }

  return {
    append(event) {
      // Never throw here: this runs inside executors' stdout handlers.
      if (closed) {
        if (!warnedLate) console.warn(`run ${runId}: log event appended after close(); dropped`);
        warnedLate = true;
        return;
      }
      queue.push(toRow(event));
      if (pending() >= maxBatch && timer) {
        clearTimer();
        schedule();
      } else schedule();
    },
    flush,
    async close() {
      closed = true;
      clearTimer();
      return flush();
    },
    get lastSeq() {
      return lastSeq;
    },
    get pending() {
      return pending();
    },
  };
}

/**
 * A whole log written at once, with its own times (a run brought in by an import, lib/imports):
 * the statements inserting its events as seq 1..n, in the same stored form as a live run's
 * (toRow). The run row must be inserted with `last_seq` = n, so nothing else appends to it.
 * `firstSeq` numbers them from elsewhere, for a log written in parts (bench/log-viewer.ts's million lines).
 */
export function wholeLogStatements(runId: string, events: Array<{ event: RunEventInput; time: string }>, firstSeq = 1): { sql: string; args: InValue[] }[] {
  const statements: { sql: string; args: InValue[] }[] = [];
  for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
    const chunk = events.slice(start, start + ROWS_PER_STATEMENT);
    const args: InValue[] = [];
    chunk.forEach(({ event, time }, i) => {
      const row = toRow(event, time);
      args.push(runId, firstSeq + start + i, row.time, row.stream, row.level, row.kind, row.payload);
    });
    statements.push({
      sql: `INSERT INTO run_events (run_id, seq, time, stream, level, kind, payload) VALUES ${chunk.map(() => "(?,?,?,?,?,?,?)").join(",")}`,
      args,
    });
  }
  return statements;
}
