import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress } from "@/lib/http/private-address";
import { fetchPage, MAX_PAGE_BYTES } from "./fetch-page";
import { readablePage } from "./readable";

/*
 * The page fetcher against real HTTP servers on loopback. Loopback is itself a private
 * address, so the tests that follow a redirect off a "public" first hop take this server's
 * own 127.0.0.1 as public (everything else keeps the real rule) and check what the hops
 * after it may reach.
 */

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>Rust 2026 — what changed</title><style>p{}</style></head>
<body><nav>Home · Blog</nav><article><h1>Rust 2026</h1><p>The edition brings <a href="/x">async closures</a> and 한국어 text.</p>
<script>alert(1)</script></article><footer>© someone</footer></body></html>`;

let server: http.Server;
let base = "";
let port = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const send = (status: number, headers: Record<string, string | number>, body?: string | Buffer) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    switch (req.url) {
      case "/article":
        return send(200, { "content-type": "text/html; charset=utf-8" }, ARTICLE);
      case "/gzip":
        return send(200, { "content-type": "text/html", "content-encoding": "gzip" }, zlib.gzipSync(ARTICLE));
      case "/hop":
        return send(302, { location: "/article" });
      case "/to-private":
        return send(301, { location: `http://127.0.0.2:${port}/article` });
      case "/to-metadata":
        return send(302, { location: "http://169.254.169.254/latest/meta-data/" });
      case "/to-file":
        return send(302, { location: "file:///etc/passwd" });
      case "/loop":
        return send(302, { location: "/loop" });
      case "/big":
        return send(200, { "content-type": "text/html", "content-length": MAX_PAGE_BYTES + 1 }, Buffer.alloc(MAX_PAGE_BYTES + 1, 97));
      case "/big-chunked": {
        res.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(256 * 1024, 98);
        let sent = 0;
        const more = () => {
          while (sent <= MAX_PAGE_BYTES + chunk.length) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", more);
          }
          res.end();
        };
        return more();
      }
      case "/gzip-bomb":
        return send(200, { "content-type": "text/html", "content-encoding": "gzip" }, zlib.gzipSync(Buffer.alloc(MAX_PAGE_BYTES * 2, 32)));
      case "/slow":
        res.writeHead(200, { "content-type": "text/html" });
        res.write("<html><body>first bytes");
        return void setTimeout(() => res.end("</body></html>"), 3_000).unref();
      case "/pdf":
        return send(200, { "content-type": "application/pdf" }, "%PDF-1.7");
      default:
        return send(404, { "content-type": "text/plain" }, "no");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** This test server's own address counts as public; every other address keeps the real rule. */
const standInIsPublic = (address: string) => address !== "127.0.0.1" && isPrivateAddress(address);

describe("fetching a saved link's page (against a loopback web server)", () => {
  it("refuses loopback by address and by name unless private addresses are allowed, then reads title and text", async () => {
    const refusal = /is a loopback, private or link-local address, which this server does not fetch \(an admin can allow it with LINKS_ALLOW_PRIVATE=1\)/;
    await expect(fetchPage(`${base}/article`, { allowPrivate: false })).rejects.toThrow(refusal);
    await expect(fetchPage(`http://localhost:${port}/article`, { allowPrivate: false })).rejects.toThrow(refusal);
    await expect(fetchPage(`http://[::ffff:127.0.0.1]:${port}/article`, { allowPrivate: false })).rejects.toThrow(refusal);

    const page = await fetchPage(`${base}/hop`, { allowPrivate: true });
    expect(page.finalUrl).toBe(`${base}/article`);
    const readable = readablePage(page.html, page.contentType);
    expect(readable.title).toBe("Rust 2026 — what changed");
    expect(readable.text).toContain("The edition brings async closures and 한국어 text.");
    expect(readable.text).not.toMatch(/alert|Home · Blog|someone|\/x/);
    // A compressed page is read decompressed.
    expect(readablePage((await fetchPage(`${base}/gzip`, { allowPrivate: true })).html, "text/html").title).toBe("Rust 2026 — what changed");
  });

  it("checks every redirect hop: a redirect to a private or link-local address, or off http, is refused", async () => {
    const options = { allowPrivate: false, isPrivate: standInIsPublic };
    expect((await fetchPage(`${base}/hop`, options)).finalUrl).toBe(`${base}/article`);
    await expect(fetchPage(`${base}/to-private`, options)).rejects.toThrow("127.0.0.2 is a loopback, private or link-local address");
    await expect(fetchPage(`${base}/to-metadata`, options)).rejects.toThrow("169.254.169.254 is a loopback, private or link-local address");
    await expect(fetchPage(`${base}/to-file`, options)).rejects.toThrow("Only http and https pages can be fetched, not file.");
    await expect(fetchPage(`${base}/loop`, options)).rejects.toThrow("The page redirected more than 5 times.");
  });

  it("refuses pages over 5 MB (declared, streamed, or decompressed) and pages slower than the time limit, saying so", async () => {
    const tooBig = "The page is larger than 5 MB, the most that is read.";
    await expect(fetchPage(`${base}/big`, { allowPrivate: true })).rejects.toThrow(tooBig);
    await expect(fetchPage(`${base}/big-chunked`, { allowPrivate: true })).rejects.toThrow(tooBig);
    await expect(fetchPage(`${base}/gzip-bomb`, { allowPrivate: true })).rejects.toThrow(tooBig);
    const started = Date.now();
    await expect(fetchPage(`${base}/slow`, { allowPrivate: true, timeoutMs: 1_000 })).rejects.toThrow("The page did not load within 1 s, the longest a page may take.");
    expect(Date.now() - started).toBeLessThan(2_900);
  });

  it("says why other pages are not read: not found, not a web page, nobody listening", async () => {
    await expect(fetchPage(`${base}/missing`, { allowPrivate: true })).rejects.toThrow("The page answered HTTP 404 Not Found.");
    await expect(fetchPage(`${base}/pdf`, { allowPrivate: true })).rejects.toThrow("The link is not a web page (application/pdf); only HTML and plain text are read.");
    await expect(fetchPage("http://127.0.0.1:1/", { allowPrivate: true })).rejects.toThrow("127.0.0.1:1 refused the connection.");
    await expect(fetchPage("ftp://example.com/x", { allowPrivate: true })).rejects.toThrow("Only http and https pages can be fetched, not ftp.");
  });
});
