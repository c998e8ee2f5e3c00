import { createApiToken } from "@/lib/tokens/tokens";
import { testUser } from "@/tests/factories";

/** Helpers for tests that call /api/v1 route handlers directly with real Requests and bearer tokens. */

/** A user on `plan` with a live API token; `auth` is the Authorization header value. */
export async function apiAccount(email: string, plan: "FREE" | "PRO" = "PRO") {
  const user = await testUser({ email, name: email, plan });
  return { id: user.id, auth: `Bearer ${(await createApiToken(user.id, "test")).value}` };
}

/** A request as a script would send it: JSON body when given (a string is sent as is, for bad-JSON tests). */
export function apiRequest(url: string, auth: string, method = "GET", body?: unknown) {
  return new Request(url, {
    method,
    headers: { authorization: auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The route context Next passes to a handler under /[id]. */
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
