import { NextResponse, type NextRequest } from "next/server";

/**
 * Next 16's name for middleware.ts. A cheap cookie check only: send visitors
 * without a session cookie to sign in. The real check (session row, disabled
 * user, role) happens in lib/auth on every request. /admin is left out on
 * purpose: its layout answers 404 to anyone who is not an admin.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/projects/:path*",
    "/agents/:path*",
    "/runs/:path*",
    "/board/:path*",
    "/ideas/:path*",
    "/usage/:path*",
    "/billing/:path*",
    "/settings/:path*",
  ],
};
