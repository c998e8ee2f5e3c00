import { NextResponse, type NextRequest } from "next/server";
import { apiError } from "@/lib/api/error-response";
import { allowedMethods } from "@/lib/api/methods";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { isSameOrigin, isWriteMethod } from "@/lib/http/origin";
import { contentSecurityPolicy, isHttps, newNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Next 16's name for middleware.ts; it sees every request but static files
 * and big bodies (see `config` below).
 * It (1) puts the security headers and a per-request CSP nonce on every
 * response, (2) answers what must never reach a route: a URL that is not
 * valid percent-encoding, a method an /api/v1 path does not take, a
 * cross-origin server action; and (3) sends visitors without a session
 * cookie on the signed-in pages to sign in. That last one is a cheap cookie
 * check only: the real check (session row, disabled user, role) happens in
 * lib/auth on every request. /admin is left out on purpose: its layout
 * answers 404 to anyone who is not an admin.
 */
const SIGNED_IN_SECTIONS = ["/dashboard", "/projects", "/agents", "/runs", "/board", "/ideas", "/links", "/usage", "/billing", "/settings"];

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = isHttps(request.headers);
  const csp = contentSecurityPolicy(nonce, { https, dev: process.env.NODE_ENV === "development" });
  const response = answer(request, csp);
  for (const [name, value] of Object.entries(securityHeaders(csp, https))) response.headers.set(name, value);
  return response;
}

function answer(request: NextRequest, csp: string): NextResponse {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");

  if (!isValidPercentEncoding(pathname)) {
    if (isApi) return apiError("validation", "The URL is not valid: it has a broken percent-encoding (such as %ff).");
    // A path no route claims: Next renders the not-found page with a 404.
    return NextResponse.rewrite(new URL("/_malformed-url", request.url));
  }

  if (pathname.startsWith("/api/v1/")) {
    const allowed = allowedMethods(pathname);
    if (allowed && !allowed.includes(request.method)) {
      const response = apiError("method_not_allowed", `${pathname} does not take ${request.method}; it takes ${allowed.join(", ")}.`);
      response.headers.set("Allow", allowed.join(", "));
      return response;
    }
  }

  // A write to a page is a server action. Next refuses a cross-origin one with
  // a 500; say what it is instead, before any action code runs.
  if (!isApi && isWriteMethod(request.method) && !isSameOrigin(request.headers, request.url)) {
    return apiError("forbidden", "This request came from another site. Use Switchboard's own pages.");
  }

  const needsSession = SIGNED_IN_SECTIONS.some((section) => pathname === section || pathname.startsWith(`${section}/`));
  if (needsSession && !hasSessionCookie(request.headers)) {
    const url = new URL("/sign-in", request.url);
    url.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }

  // Next reads the nonce from the request's CSP header and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  return NextResponse.next({ request: { headers } });
}

function isValidPercentEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Everything but Next's static files, when the request has no body or a small
 * declared one. Next reads a request's whole body before it runs the proxy
 * (to hand it a copy), so a big or chunked body skips the proxy and goes
 * straight to its route, whose own limit refuses it while it streams in
 * (apiRoute's 1 MB, uploads' 10 MB) instead of after all of it arrived.
 */
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image).*)", missing: [{ type: "header", key: "content-length" }, { type: "header", key: "transfer-encoding" }] },
    { source: "/((?!_next/static|_next/image).*)", has: [{ type: "header", key: "content-length", value: "\\d{1,6}" }], missing: [{ type: "header", key: "transfer-encoding" }] },
  ],
};
