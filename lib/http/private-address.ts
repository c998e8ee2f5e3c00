import "server-only";
import dns from "node:dns/promises";
import net from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Addresses the server itself must not be made to call on a user's behalf (an MCP server's
 * Check, a saved link's fetch, a Web Push endpoint): loopback, private, link-local (cloud
 * metadata at 169.254.169.254), unique-local, carrier-grade NAT, unspecified, multicast,
 * broadcast and reserved ranges, also when written as an IPv4-mapped IPv6 address. Anything
 * that does not parse as an address counts as private: refusing is the safe side.
 */
export function isPrivateAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return true;
  }
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== "unicast";
}

/**
 * Where a URL the user gave us points, before the server calls it. "unknown" when the host does
 * not resolve. The answer can change before the request (DNS rebinding): a known limit for MCP
 * Check and Web Push, see docs/SECURITY.md; link fetches check inside the connection's own
 * lookup instead (lib/links/fetch-page.ts).
 */
export async function addressKind(url: URL): Promise<"public" | "private" | "unknown"> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) return "unknown";
  return addresses.some(isPrivateAddress) ? "private" : "public";
}
