import "server-only";
import { config } from "@/lib/config";

/** 16 random bytes, base64: a fresh one for every page request, so an injected script cannot guess it. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The Content-Security-Policy of every response. Next puts the nonce on its
 * own inline and bundle scripts (it reads it from this header on the
 * request), and 'strict-dynamic' lets those load the chunks they need; no
 * other script runs. Styles allow 'unsafe-inline' because React renders
 * `style` attributes (plan meters, the virtualized run log), which a nonce
 * cannot cover; styles cannot run code. `connect-src 'self'` covers the live
 * run stream (SSE). Dev mode needs eval for React's error overlays.
 */
export function contentSecurityPolicy(nonce: string, options: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (public/sw.js): with 'strict-dynamic', script-src's 'self' no longer covers it.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Did the browser reach us over https? Only a proxy of ours can say so
 * (TRUST_PROXY=1), in X-Forwarded-Proto: `next start` itself speaks plain
 * http, and Next builds the request's URL from X-Forwarded-Proto, which any
 * client can send, so neither that URL nor the header counts otherwise.
 */
export function isHttps(headers: Headers): boolean {
  if (!config().trustProxy) return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * Headers for every response: no framing by other sites (clickjacking of
 * /settings/tokens), no MIME sniffing, no full URLs leaking to other sites in
 * Referer, and HSTS once the app is reached over https (never on plain http:
 * a browser would then refuse http://localhost for a year).
 */
export function securityHeaders(csp: string, https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
