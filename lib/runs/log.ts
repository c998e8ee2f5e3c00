import "server-only";
import { z } from "zod";
import { readFormattedPage } from "./events";
import { getRunForUser } from "./runs";
import { stripAnsi } from "./ansi";

const PAGE = 2000;

/** The query of GET /api/v1/runs/:id/log, for apiRoute and the OpenAPI registry. */
export const runLogQuery = z.object({
  format: z
    .enum(["ndjson", "text"])
    .default("ndjson")
    .describe("`ndjson` (default): one `{seq, time, event, data}` object per line. `text`: the log lines as a person reads them, without colour codes."),
});

/**
 * GET /api/v1/runs/:id/log: the whole log as JSON lines (`{seq, time, event,
 * data}` per line, `application/x-ndjson`) or, with `format=text`, the log
 * lines as plain text without colour codes. Streamed page by page (never the
 * whole log in memory), up to the last event stored when the request came in.
 */
export async function runLogResponse(request: Request, userId: string, runId: string, format: "ndjson" | "text"): Promise<Response> {
  const run = await getRunForUser(userId, runId);
  const upTo = run.lastSeq;
  const encoder = new TextEncoder();
  let after = 0;
  let cancelled = false;
  request.signal.addEventListener("abort", () => (cancelled = true), { once: true });

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const page = cancelled ? null : await readFormattedPage(runId, after, PAGE, format, upTo);
        if (!page || page.count === 0 || page.lastSeq === undefined) {
          controller.close();
          return;
        }
        after = page.lastSeq;
        controller.enqueue(encoder.encode(format === "text" ? stripAnsi(page.text) : page.text));
        if (after >= upTo) controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      cancelled = true;
    },
  });

  const ext = format === "text" ? "log" : "ndjson";
  return new Response(body, {
    headers: {
      "Content-Type": format === "text" ? "text/plain; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `inline; filename="run-${runId}.${ext}"`,
      "Cache-Control": "no-store",
    },
  });
}
