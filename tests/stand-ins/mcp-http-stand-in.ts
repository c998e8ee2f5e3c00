import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An MCP server on loopback for tests, speaking both HTTP transports: the
 * streamable HTTP one (POST /mcp, JSON or an SSE-framed answer, with an
 * Mcp-Session-Id) and the older HTTP+SSE one (GET /sse names a POST endpoint,
 * answers arrive on the stream). It records the headers it was sent and
 * refuses requests without `requiredAuth` (when set) with a 401.
 */
export async function startMcpHttpStandIn(options: { requiredAuth?: string; sseAnswers?: boolean } = {}) {
  const seen: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }> = [];
  const streams = new Set<http.ServerResponse>();
  const tools = [
    { name: "search_issues", description: "Finds issues", inputSchema: { type: "object" } },
    { name: "create_issue", description: "Files an issue", inputSchema: { type: "object" } },
  ];
  const answer = (message: { id?: unknown; method?: string }) => {
    if (message.method === "initialize") {
      return { jsonrpc: "2.0", id: message.id, result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "stand-in-http" } } };
    }
    if (message.method === "tools/list") return { jsonrpc: "2.0", id: message.id, result: { tools } };
    return null;
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? (JSON.parse(raw) as { id?: unknown; method?: string }) : null;
      seen.push({ method: req.method!, path: req.url!, headers: req.headers, body });
      if (options.requiredAuth && req.headers.authorization !== options.requiredAuth) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "unauthorized" }));
        return;
      }
      if (req.method === "GET" && req.url === "/sse") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write("event: endpoint\ndata: /messages?session=abc\n\n");
        streams.add(res);
        res.on("close", () => streams.delete(res));
        return;
      }
      if (req.method === "POST" && req.url?.startsWith("/messages")) {
        const reply = body ? answer(body) : null;
        for (const stream of streams) if (reply) stream.write(`event: message\ndata: ${JSON.stringify(reply)}\n\n`);
        res.writeHead(202).end("Accepted");
        return;
      }
      if (req.method === "POST" && req.url === "/mcp") {
        const reply = body ? answer(body) : null;
        if (!reply) return void res.writeHead(202).end();
        if (options.sseAnswers) {
          res.writeHead(200, { "content-type": "text/event-stream", "mcp-session-id": "sess-1" });
          res.end(`event: message\ndata: ${JSON.stringify(reply)}\n\n`);
        } else {
          res.writeHead(200, { "content-type": "application/json", "mcp-session-id": "sess-1" }).end(JSON.stringify(reply));
        }
        return;
      }
      res.writeHead(404).end("not here");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of streams) s.end();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
