import "server-only";
import dns from "node:dns/promises";
import net from "node:net";

/**
 * Where a URL the user gave us points, before the server calls it (MCP Check's
 * http/sse servers, Web Push endpoints): a user must not make the server probe
 * its own network (loopback, cloud metadata, private ranges).
 * "unknown" when the host does not resolve. The answer can change before the
 * request (DNS rebinding): a known limit, see docs/SECURITY.md.
 */
export async function addressKind(url: URL): Promise<"public" | "private" | "unknown"> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) return "unknown";
  return addresses.some(isPrivateAddress) ? "private" : "public";
}

export function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (net.isIPv4(v4)) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = address.toLowerCase();
  return lower === "::1" || lower === "::" || lower.startsWith("fc") || lower.startsWith("fd") || lower.startsWith("fe80");
}
