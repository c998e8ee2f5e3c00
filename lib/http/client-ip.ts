/**
 * The caller's IP as the nearest proxy reports it: the LAST X-Forwarded-For
 * entry is the one our own proxy appended (earlier entries are whatever the
 * client sent, so they are never trusted). Behind no proxy the headers are
 * absent and all such callers share one bucket ("unknown"); the per-account
 * sign-in limit holds either way.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
