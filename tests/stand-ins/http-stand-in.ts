import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The common part of the provider stand-ins: a node:http server on
 * 127.0.0.1, port 0, that records each request and lets a handler answer it.
 * `streamInPieces` sends a body the way a real network does: split across
 * many TCP writes at awkward places (inside an SSE line, inside a UTF-8
 * character), with small pauses between.
 */

export type RecordedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
};

export type StandIn = {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

export async function startStandIn(
  handle: (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>,
): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // keep the raw text; the handler refuses it
      }
      const recorded = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
      requests.push(recorded);
      Promise.resolve(handle(recorded, res)).catch((err: unknown) => {
        res.destroy(err instanceof Error ? err : new Error(String(err)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Piece sizes cycle through these, so boundaries land everywhere. */
const PIECES = [1, 7, 3, 40, 2, 13, 96, 5];

export async function streamInPieces(res: http.ServerResponse, body: string, delayMs = 2) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  const bytes = Buffer.from(body, "utf8");
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    if (res.destroyed) return; // the client hung up (cancelled, or stopped at an error event)
    const size = PIECES[i % PIECES.length]!;
    res.write(bytes.subarray(offset, offset + size));
    offset += size;
    await new Promise((r) => setTimeout(r, delayMs));
  }
  res.end();
}

/** Splits text into small deltas (by code point, so each delta is valid text). */
export function deltas(text: string, size = 6): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}
