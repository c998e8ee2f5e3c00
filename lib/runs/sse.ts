import "server-only";
import { z } from "zod";
import { stillAuthorized, type Credential } from "@/lib/auth/credential";
import { AppError } from "@/lib/errors";
import { subscribe } from "./events";
import { getRunForUser } from "./runs";

/**
 * The run event stream, shared by
 * GET /api/v1/runs/:id/events (bearer or session) and GET /api/runs/:id/events
 * (the browser's, session): replay after `Last-Event-ID` or `?after=`, then the
 * live tail, then `end`. Frames are `id: <seq>`, `event: <name>`, `data: <json>`.
 */

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform also keeps Next's (and most proxies') gzip off this response, so nothing is held back.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

export const KEEP_ALIVE_MS = 15_000;
/** How often an open stream re-checks its caller: revoking access ends it within about this long. */
export const RECHECK_MS = 2_000;

export type RunEventsStreamOptions = {
  /** Interval of the `: keep-alive` comment (default 15 s; tests shorten it). */
  keepAliveMs?: number;
  /** How often to look for rows written by another process (default 250 ms). */
  pollMs?: number;
  /** Events per replay page (default REPLAY_PAGE in events.ts). */
  pageSize?: number;
  /**
   * How the caller authenticated (apiRoute's `credential`, or the browser
   * session). The stream re-checks it every `recheckMs` (default 2 s; one
   * query, never per event) and closes once the session or token is revoked
   * or the user disabled. Without one, only the user's own state is checked.
   */
  credential?: Credential | null;
  recheckMs?: number;
};

/**
 * The query of GET /api/v1/runs/:id/events, for apiRoute and the OpenAPI
 * registry. The stream itself reads the cursor with resumeCursor(), where a
 * `Last-Event-ID` header wins over `after`.
 */
export const runEventsQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/, "Must be a non-negative integer: the id of the last event you received.")
    .optional()
    .describe("Resume after this event id (seq); the `Last-Event-ID` header, when sent, wins. Default 0: from the start."),
});

const cursorSchema = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, "Must be a non-negative integer: the id of the last event you received.")
  .transform(Number);

/** Where to resume: the `Last-Event-ID` header (sent by EventSource on reconnect) wins over `?after=`; else 0. */
export function resumeCursor(request: Request): number {
  const header = request.headers.get("last-event-id")?.trim();
  const query = new URL(request.url).searchParams.get("after")?.trim();
  const [field, raw] = header ? ["Last-Event-ID", header] : query ? ["after", query] : [null, null];
  if (!field || raw === null) return 0;
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("validation", `${field} must be a non-negative integer (the id of the last event you received).`, {
      [field]: parsed.error.issues[0]?.message ?? "Invalid.",
    });
  }
  return parsed.data;
}

const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");
// Tells EventSource clients to come back after 1 s if the connection drops.
const PREAMBLE = encoder.encode("retry: 1000\n\n");
const ACCESS_ENDED = encoder.encode(": access ended (signed out, token revoked or account disabled)\n\n");

/**
 * The SSE response for one of `userId`'s runs. Throws AppError `not_found` for
 * an unknown run or another user's, and `validation` for a bad cursor. Stops
 * and releases everything when the client goes away (request.signal aborts,
 * or the body stream is cancelled), and closes when the caller's access ends
 * (see `credential`): a reconnect then gets the 401.
 */
export async function runEventsResponse(
  request: Request,
  userId: string,
  runId: string,
  options: RunEventsStreamOptions = {},
): Promise<Response> {
  await getRunForUser(userId, runId);
  const after = resumeCursor(request);

  const stop = new AbortController();
  const events = subscribe(runId, after, { signal: stop.signal, pollMs: options.pollMs, pageSize: options.pageSize });
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let recheck: ReturnType<typeof setInterval> | undefined;
  let finished = false;

  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    clearInterval(recheck);
    request.signal.removeEventListener("abort", finish);
    stop.abort();
    // Releases the watcher once the iterator is between steps (it also notices the abort itself).
    events.return().catch(() => {});
  };
  if (request.signal.aborted) finish();
  else request.signal.addEventListener("abort", finish, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(PREAMBLE);
      keepAlive = setInterval(() => {
        try {
          controller.enqueue(KEEP_ALIVE);
        } catch {
          finish();
        }
      }, options.keepAliveMs ?? KEEP_ALIVE_MS);
      keepAlive.unref?.();
      let checking = false;
      recheck = setInterval(async () => {
        if (checking || finished) return;
        checking = true;
        // A failed check closes the stream: the client reconnects and is authenticated afresh.
        const allowed = await stillAuthorized(userId, options.credential ?? null).catch(() => false);
        checking = false;
        if (allowed || finished) return;
        finish();
        try {
          controller.enqueue(ACCESS_ENDED);
          controller.close();
        } catch {
          // the client went away meanwhile
        }
      }, options.recheckMs ?? RECHECK_MS);
      recheck.unref?.();
    },
    async pull(controller) {
      try {
        const step = finished ? { done: true as const, value: undefined } : await events.next();
        if (step.done || finished) {
          finish();
          closeQuietly(controller);
          return;
        }
        controller.enqueue(encoder.encode(step.value.text));
        if (step.value.type === "end") {
          finish();
          controller.close();
        }
      } catch (error) {
        finish();
        try {
          controller.error(error);
        } catch {
          // already closed or cancelled
        }
      }
    },
    cancel() {
      finish();
    },
  });

  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

/** Closing twice (the access re-check already closed it) is not an error. */
function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>) {
  try {
    controller.close();
  } catch {
    // already closed
  }
}
