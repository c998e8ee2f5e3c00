import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { accountRetryAfterMinutes } from "@/lib/auth/rate-limit";
import { apiError } from "@/lib/api/route";
import { normalizeEmail } from "@/lib/users/users";

export const { GET } = handlers;

/**
 * POST /api/auth/callback/credentials is how a script signs in with a
 * password. A locked account gets a 429 in the API's error shape before
 * Auth.js sees the request; everything else goes to Auth.js as sent. (A
 * throttled address is not refused here: the right password of another
 * account must still sign in from it, see lib/auth/rate-limit.ts.)
 */
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const minutes = await accountRetryAfterMinutes((await emailOf(request)) ?? "");
    if (minutes > 0) {
      const response = apiError("rate_limited", `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`);
      response.headers.set("Retry-After", String(minutes * 60));
      return response;
    }
  }
  return handlers.POST(request);
}

/** The email of a sign-in form (or JSON) body, read from a clone so Auth.js still gets the original. */
async function emailOf(request: Request): Promise<string | null> {
  try {
    const copy = request.clone();
    const email = (request.headers.get("content-type") ?? "").includes("application/json")
      ? ((await copy.json()) as { email?: unknown } | null)?.email
      : new URLSearchParams(await copy.text()).get("email");
    return typeof email === "string" && email.trim() ? normalizeEmail(email) : null;
  } catch {
    return null;
  }
}
