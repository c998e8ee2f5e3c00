import http from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";

/**
 * A plain HTTP forward proxy for one browser context
 * (`browser.newContext({ proxy: { server: proxy.server } })`) that can cut
 * every open connection at once, the way a dropped Wi-Fi or a restarted load
 * balancer does. Chromium's offline emulation (`context.setOffline`) only
 * fails new requests and leaves a streaming response that is already open
 * alone, so it cannot test what happens to a live stream by itself.
 */
export type DroppingProxy = {
  /** For the context's `proxy.server`. */
  server: string;
  /** Closes every connection open right now (browser side and server side). */
  dropAll(): number;
  close(): Promise<void>;
};

const HOP_BY_HOP = ["connection", "proxy-connection", "keep-alive", "proxy-authorization", "te", "trailer", "upgrade"];

export async function startDroppingProxy(): Promise<DroppingProxy> {
  const sockets = new Set<Socket>();
  const upstreams = new Set<http.ClientRequest>();

  const proxy = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("absolute URL expected");
      return;
    }
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers },
      (answer) => {
        const back = { ...answer.headers };
        for (const name of HOP_BY_HOP) delete back[name];
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, back);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstreams.add(upstream);
    upstream.on("close", () => upstreams.delete(upstream));
    upstream.on("error", () => res.destroy());
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  // Playwright's own requests (context.request) tunnel through CONNECT.
  proxy.on("connect", (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const { hostname, port } = new URL(`http://${req.url}`);
    const upstream = net.connect(Number(port || 80), hostname, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    client.on("close", () => upstream.destroy());
  });
  proxy.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;

  return {
    server: `http://127.0.0.1:${port}`,
    dropAll() {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      for (const upstream of upstreams) upstream.destroy();
      return count;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
