import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

/**
 * An MCP server on loopback for tests, built on the official SDK and speaking
 * both HTTP transports: streamable HTTP (POST /mcp, answers as JSON or, with
 * `sseAnswers`, SSE-framed; sessions `sess-1`, `sess-2`, … one per initialize)
 * and the older HTTP+SSE one (GET /sse names a POST endpoint, answers arrive on
 * the stream). It records every request it was sent and refuses those without
 * `requiredAuth` (when set) with a 401.
 */
export async function startMcpHttpStandIn(options: { requiredAuth?: string; sseAnswers?: boolean } = {}) {
  const seen: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }> = [];
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const sseSessions = new Map<string, SSEServerTransport>();
  let sessionCount = 0;

  const mcpServer = () => {
    const server = new McpServer({ name: "stand-in-http", version: "1.0.0" });
    server.registerTool("search_issues", { description: "Finds issues" }, async () => ({ content: [{ type: "text", text: "[]" }] }));
    server.registerTool("create_issue", { description: "Files an issue" }, async () => ({ content: [{ type: "text", text: "filed" }] }));
    return server;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method === "GET" && url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", res);
      sseSessions.set(transport.sessionId, transport);
      res.on("close", () => sseSessions.delete(transport.sessionId));
      await mcpServer().connect(transport);
      return;
    }
    if (req.method === "POST" && url.pathname === "/messages") {
      const transport = sseSessions.get(url.searchParams.get("sessionId") ?? "");
      if (!transport) return void res.writeHead(404).end("no such session");
      await transport.handlePostMessage(req, res, body);
      return;
    }
    if (url.pathname === "/mcp") {
      const id = req.headers["mcp-session-id"];
      let transport = typeof id === "string" ? sessions.get(id) : undefined;
      if (!transport && req.method === "POST" && (body as { method?: string } | null)?.method === "initialize") {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => `sess-${++sessionCount}`,
          enableJsonResponse: !options.sseAnswers,
          onsessioninitialized: (sessionId) => void sessions.set(sessionId, created),
        });
        await mcpServer().connect(created);
        transport = created;
      }
      if (!transport) return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "no session" }));
      await transport.handleRequest(req, res, body);
      return;
    }
    res.writeHead(404).end("not here");
  };

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? (JSON.parse(raw) as unknown) : null;
      seen.push({ method: req.method!, path: req.url!, headers: req.headers, body });
      if (options.requiredAuth && req.headers.authorization !== options.requiredAuth) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "unauthorized" }));
        return;
      }
      handle(req, res, body).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      await Promise.all([...sessions.values(), ...sseSessions.values()].map((t) => t.close().catch(() => {})));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
