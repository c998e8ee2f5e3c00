import { SseParser } from "@/lib/runs/sse-parser";
import type { EndData, StatusData, UsageData } from "@/lib/runs/wire";

/**
 * Follows a run's event stream from the browser (or any fetch): reads the SSE
 * response with fetch and a streaming parser, hands events over in batches
 * (one per network chunk, so replaying 200,000 lines costs 200 callbacks, not
 * 200,000), and when the connection drops reconnects by itself with
 * `Last-Event-ID` and `?after=` set to the last seq it saw. Events at or below
 * that seq are ignored, so nothing is lost or repeated across reconnects.
 *
 * fetch rather than EventSource: the replay arrives in bulk instead of one DOM
 * event each, the resume cursor is always ours, an HTTP error (401/404) stops
 * instead of retrying forever, and the same code runs (and is tested) in Node.
 */

/** `at`: when the line was written (the server adds it to every replayed or live line). */
export type LogData = { stream: "stdout" | "stderr" | "system"; kind: string; text: string; level?: string; data?: Record<string, unknown>; at?: string };
export type RunStreamEvent =
  | { seq: number; event: "log"; data: LogData }
  | { seq: number; event: "status"; data: StatusData }
  | { seq: number; event: "usage"; data: UsageData };

export type StreamState = "connecting" | "open" | "reconnecting" | "ended" | "failed";

export type RunStreamHandlers = {
  onEvents(events: RunStreamEvent[]): void;
  onEnd?(data: EndData): void;
  onState?(state: StreamState, detail?: { status?: number; attempt?: number }): void;
};

export type RunStreamOptions = {
  /** Resume after this seq (0: from the start). */
  after?: number;
  fetch?: typeof fetch;
  /** First reconnect delay; doubles up to maxRetryMs (defaults 500 ms and 5 s). */
  minRetryMs?: number;
  maxRetryMs?: number;
};

export type RunStreamHandle = { close(): void; readonly lastSeq: number; readonly done: Promise<void> };

export function connectRunStream(url: string, handlers: RunStreamHandlers, options: RunStreamOptions = {}): RunStreamHandle {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const minRetry = options.minRetryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 5000;
  let lastSeq = Math.max(0, options.after ?? 0);
  let closed = false;
  let current: AbortController | null = null;

  const withAfter = (seq: number) => `${url}${url.includes("?") ? "&" : "?"}after=${seq}`;

  async function readOnce(): Promise<"ended" | "dropped" | { failed: number }> {
    current = new AbortController();
    const response = await doFetch(withAfter(lastSeq), {
      headers: { Accept: "text/event-stream", "Last-Event-ID": String(lastSeq) },
      cache: "no-store",
      signal: current.signal,
    });
    if (response.status >= 400 && response.status < 500) {
      await response.body?.cancel().catch(() => {});
      return { failed: response.status };
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      return "dropped";
    }
    handlers.onState?.("open");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return "dropped"; // the server went away before `end`
      const batch: RunStreamEvent[] = [];
      for (const message of parser.push(value)) {
        if (message.event === "end") {
          if (batch.length) handlers.onEvents(batch);
          handlers.onEnd?.(JSON.parse(message.data) as EndData);
          await reader.cancel().catch(() => {});
          return "ended";
        }
        const seq = Number(message.id);
        if (!Number.isFinite(seq) || seq <= lastSeq) continue; // already seen: skip
        if (message.event !== "log" && message.event !== "status" && message.event !== "usage") continue;
        lastSeq = seq;
        batch.push({ seq, event: message.event, data: JSON.parse(message.data) } as RunStreamEvent);
      }
      if (batch.length) handlers.onEvents(batch);
    }
  }

  const done = (async () => {
    let attempt = 0;
    handlers.onState?.("connecting");
    while (!closed) {
      const seenBefore = lastSeq;
      let outcome: Awaited<ReturnType<typeof readOnce>> | "error";
      try {
        outcome = await readOnce();
      } catch {
        outcome = "error";
      }
      if (closed) return;
      if (outcome === "ended") {
        closed = true;
        handlers.onState?.("ended");
        return;
      }
      if (typeof outcome === "object") {
        closed = true;
        handlers.onState?.("failed", { status: outcome.failed });
        return;
      }
      // Dropped or network error: come back after a pause that grows while nothing gets through.
      attempt = lastSeq > seenBefore ? 1 : attempt + 1;
      handlers.onState?.("reconnecting", { attempt });
      await new Promise((resolve) => setTimeout(resolve, Math.min(maxRetry, minRetry * 2 ** (attempt - 1))));
    }
  })();

  return {
    close() {
      closed = true;
      current?.abort();
    },
    get lastSeq() {
      return lastSeq;
    },
    done,
  };
}
