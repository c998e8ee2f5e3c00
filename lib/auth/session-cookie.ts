/**
 * The names Auth.js gives the session cookie (`__Secure-` when served over
 * https). Only whether one is present is read here: the proxy's cheap
 * sign-in redirect and the API's CSRF check. Who it belongs to is
 * lib/auth's job, on every request.
 */
export const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function hasSessionCookie(headers: Headers): boolean {
  const names = (headers.get("cookie") ?? "").split(";").map((pair) => pair.split("=")[0]!.trim());
  return SESSION_COOKIES.some((name) => names.includes(name));
}
