import "server-only";
import { config } from "@/lib/config";

/** Methods that change something; a browser may send them cross-site with the user's cookies. */
export function isWriteMethod(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * The hosts this app answers as: the Host of the request, AUTH_URL's host
 * (behind a proxy that rewrites Host), and X-Forwarded-Host when TRUST_PROXY
 * says a proxy of ours sets it.
 */
function ownHosts(headers: Headers, requestUrl: string): Set<string> {
  const hosts = new Set<string>([new URL(requestUrl).host]);
  const host = headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  const { authUrl, trustProxy } = config();
  if (authUrl) {
    try {
      hosts.add(new URL(authUrl).host);
    } catch {
      // an AUTH_URL that is not a URL adds nothing
    }
  }
  const forwarded = trustProxy ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  if (forwarded) hosts.add(forwarded.toLowerCase());
  return hosts;
}

/**
 * Did this request come from one of our own pages? Browsers set
 * Sec-Fetch-Site and Origin themselves (a page cannot forge either), and send
 * Origin on every write. SameSite=Lax cookies are no help here: another port
 * on localhost, or another subdomain, is the same *site* but not the same
 * origin. A cookie-carrying write with neither header is not from a browser
 * page of ours (scripts use a bearer token), so it is refused.
 */
export function isSameOrigin(headers: Headers, requestUrl: string): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite === "same-origin";
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return ownHosts(headers, requestUrl).has(new URL(origin).host.toLowerCase());
  } catch {
    return false;
  }
}
