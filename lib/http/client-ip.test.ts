import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp, installClientAddressStamp } from "./client-ip";

/**
 * A real node:http server, wrapped the way instrumentation.ts wraps Next's,
 * answering with what the app would see: clientIp() and the forwarding
 * headers left on the request.
 */
let trustProxy = false;
let server: http.Server;
let base: string;

beforeAll(async () => {
  installClientAddressStamp(() => trustProxy);
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ip: clientIp(headers), xff: req.headers["x-forwarded-for"] ?? null, proto: req.headers["x-forwarded-proto"] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function seen(headers: Record<string, string> = {}) {
  return (await (await fetch(base, { headers })).json()) as { ip: string; xff: string | null; proto: string | null };
}

describe("client address", () => {
  it("is the socket's address for a direct client, whatever X-Forwarded-For it sends", async () => {
    trustProxy = false;
    expect(await seen()).toEqual({ ip: "127.0.0.1", xff: null, proto: null });
    expect(await seen({ "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-real-ip": "198.51.100.2" })).toEqual({
      ip: "127.0.0.1",
      xff: null,
      proto: null,
    });
  });

  it("cannot be forged with a guessed stamp header", async () => {
    trustProxy = false;
    const forged = Object.fromEntries(["x-switchboard-peer-", "x-switchboard-peer-0000", "x-switchboard-client-ip"].map((n) => [n, "6.6.6.6"]));
    expect((await seen(forged)).ip).toBe("127.0.0.1");
    trustProxy = true;
    expect((await seen(forged)).ip).toBe("127.0.0.1");
  });

  it("with TRUST_PROXY=1 is the last X-Forwarded-For hop (the one our proxy appended), and keeps X-Forwarded-Proto", async () => {
    trustProxy = true;
    expect(await seen({ "x-forwarded-for": "6.6.6.6, 203.0.113.7", "x-forwarded-proto": "https" })).toEqual({
      ip: "203.0.113.7",
      xff: "6.6.6.6, 203.0.113.7",
      proto: "https",
    });
    // A hop that is no address at all is ignored, as is a missing header: the socket's address then.
    expect((await seen({ "x-forwarded-for": "203.0.113.7, not-an-ip" })).ip).toBe("127.0.0.1");
    expect((await seen()).ip).toBe("127.0.0.1");
  });

  it("is 'unknown' outside a stamping server, even when the request carries forwarding headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.2" }))).toBe("unknown");
  });
});
