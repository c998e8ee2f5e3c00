import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { PLAN_LIMITS } from "@/lib/billing/plans";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";
import { createUser } from "@/lib/users/users";
import { GET } from "./route";
import * as unknownRoute from "../[[...path]]/route";

// No browser session in these tests (the bearer path is under test; e2e covers the cookie).
// Mocking here also keeps next-auth, which vitest cannot load as-is, out of the import graph.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const ME = "http://localhost/api/v1/me";

async function userWithToken(email: string) {
  const user = await createUser({ email, name: "Test Person", passwordHash: "$2b$12$not-a-real-hash-but-secret" });
  if (!user) throw new Error(`could not create ${email}`);
  const token = await createApiToken(user.id, "test");
  return { user, token };
}

function get(url: string, headers: Record<string, string> = {}) {
  return GET(new Request(url, { headers }));
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
}

let alice: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  alice = await userWithToken("Alice@Example.com");
});

describe("GET /api/v1/me", () => {
  it("returns the token's user with plan FREE, its limits and zero usage, and nothing secret", async () => {
    const response = await get(ME, { authorization: `Bearer ${alice.token.value}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(body).toEqual({
      id: alice.user.id,
      email: "alice@example.com",
      name: "Test Person",
      role: alice.user.role,
      plan: "FREE",
      limits: PLAN_LIMITS.FREE,
      usage: { agents: 0, projects: 0, runsThisMonth: 0, concurrentRuns: 0, imageStorageBytes: 0, apiTokens: 1, tags: 0 },
    });
    const keys = keysOf(body).map((k) => k.toLowerCase());
    expect(keys).not.toContain("passwordhash");
    expect(keys).not.toContain("tokenhash");
    expect(JSON.stringify(body)).not.toContain("$2b$");
  });

  it("answers 401 in the error shape without a token, with a garbage one, or a malformed header", async () => {
    const cases: Record<string, string>[] = [{}, { authorization: "Bearer sb_garbage" }, { authorization: "Bearer nonsense" }, { authorization: "Basic abc" }];
    for (const headers of cases) {
      const response = await get(ME, headers);
      expect(response.status).toBe(401);
      expectErrorShape(await response.json(), "unauthorized");
    }
  });

  it("answers 401 for a revoked token", async () => {
    const { user, token } = await userWithToken("revoked@example.com");
    expect((await get(ME, { authorization: `Bearer ${token.value}` })).status).toBe(200);
    await revokeApiToken(user.id, token.id);
    const response = await get(ME, { authorization: `Bearer ${token.value}` });
    expect(response.status).toBe(401);
    expectErrorShape(await response.json(), "unauthorized");
  });

  it("answers 401 for a disabled user's token", async () => {
    const { user, token } = await userWithToken("disabled@example.com");
    await db().update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.id, user.id));
    const response = await get(ME, { authorization: `Bearer ${token.value}` });
    expect(response.status).toBe(401);
    expectErrorShape(await response.json(), "unauthorized");
  });
});

describe("unknown /api/v1 paths", () => {
  it("answer 404 JSON in the API's error shape for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await unknownRoute[method](new Request("http://localhost/api/v1/nope/123", { method }));
      expect(response.status).toBe(404);
      const body = await response.json();
      expectErrorShape(body, "not_found");
      expect(body.error.message).toContain(`${method} /api/v1/nope/123`);
    }
  });
});
