import "server-only";
import ipaddr from "ipaddr.js";

/**
 * Addresses the server itself must not be made to call on a user's behalf (an MCP server's
 * Check, a saved link's fetch): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, carrier-grade NAT, unspecified, multicast, broadcast and
 * reserved ranges, also when written as an IPv4-mapped IPv6 address. Anything that does not
 * parse as an address counts as private: refusing is the safe side.
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
