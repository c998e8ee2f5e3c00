/**
 * The caller's IP as the nearest proxy reports it. Behind no proxy, the
 * headers are absent and all such callers share one bucket ("unknown").
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
