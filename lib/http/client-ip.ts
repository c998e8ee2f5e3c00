import "server-only";
import type { IncomingMessage } from "node:http";
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import net from "node:net";

/**
 * Who is calling, by network address. Next 16 gives route handlers and server
 * actions no socket (there is no `request.ip`), only headers, and its own
 * `x-forwarded-for` is kept as the client sent it when present. So we stamp
 * the address ourselves, before Next sees the request: instrumentation.ts
 * wraps the "request" event of Node's HTTP servers (installClientAddressStamp)
 * and writes the caller's address into a header whose name carries a random
 * per-process secret. A client cannot send a header we would trust (it would
 * have to guess the name, and any copy it sends is removed), not even for a
 * request that reached the server before the wrap was installed.
 *
 * The address is the socket's peer. Only with TRUST_PROXY=1 is the LAST
 * X-Forwarded-For hop used instead: the one our own proxy appended (earlier
 * entries are whatever the client sent). Without it, X-Forwarded-For,
 * X-Forwarded-Proto and their kin are deleted, so neither the app nor Auth.js
 * nor Next act on what any client may write.
 */

const HEADER_PREFIX = "x-switchboard-peer-";
const HEADER_KEY = Symbol.for("switchboard.clientAddressHeader");
/** Headers only a proxy we trust may set. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip", "forwarded"];

type Global = typeof globalThis & { [HEADER_KEY]?: string };

/** "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) is 203.0.113.7. */
function normalizeAddress(address: string | undefined): string | undefined {
  const trimmed = address?.trim();
  if (!trimmed || !net.isIP(trimmed)) return undefined;
  return trimmed.toLowerCase().startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

/** Rewrites one incoming request's headers in place: no forged stamp, no untrusted forwarding headers, our stamp. */
export function stampClientAddress(req: IncomingMessage, headerName: string, trustProxy: boolean) {
  const headers = req.headers;
  for (const key of Object.keys(headers)) if (key.startsWith(HEADER_PREFIX)) delete headers[key];
  let address = normalizeAddress(req.socket?.remoteAddress);
  if (trustProxy) {
    const forwarded = headers["x-forwarded-for"];
    const lastHop = normalizeAddress((Array.isArray(forwarded) ? forwarded.join(",") : forwarded)?.split(",").at(-1));
    address = lastHop ?? address;
  } else {
    for (const name of FORWARDING_HEADERS) delete headers[name];
  }
  headers[headerName] = address ?? "unknown";
}

/**
 * Wraps `emit("request")` of every node:http and node:https server in this
 * process (once; later calls do nothing). `trustProxy` is asked per request.
 */
export function installClientAddressStamp(trustProxy: () => boolean) {
  const global = globalThis as Global;
  if (global[HEADER_KEY]) return;
  const headerName = HEADER_PREFIX + crypto.randomBytes(16).toString("hex");
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const emit = proto.emit;
    proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampClientAddress(args[0] as IncomingMessage, headerName, trustProxy());
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof proto.emit;
  }
  global[HEADER_KEY] = headerName;
}

/**
 * The caller's address as stamped above, or "unknown" outside a server that
 * stamps (a test calling a route handler directly). Limits keyed on it must
 * treat "unknown" as one shared address.
 */
export function clientIp(headers: Headers): string {
  const name = (globalThis as Global)[HEADER_KEY];
  return (name && headers.get(name)) || "unknown";
}
