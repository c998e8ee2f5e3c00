import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";

/**
 * The address people and services should use to reach this server: AUTH_URL
 * when set, else what this request came in on. X-Forwarded-Host/-Proto are
 * only present when a trusted proxy set them (TRUST_PROXY=1) or Next filled
 * them in from the request itself: lib/http/client-ip.ts strips client copies.
 */
export async function publicOrigin(): Promise<string> {
  const configured = config().authUrl;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}
