import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { recordSignInFailure } from "@/lib/auth/rate-limit";
import { GET, POST } from "./route";

// Auth.js itself is not under test (e2e signs in for real); this checks what stands in front of it.
const authJs = vi.hoisted(() => ({
  GET: vi.fn(async () => new Response("auth.js GET")),
  POST: vi.fn(async (request: Request) => new Response(await request.text(), { status: 302 })),
}));
vi.mock("@/lib/auth/auth", () => ({ handlers: authJs, auth: async () => null }));


const BASE = "http://localhost/api/auth";

function signIn(email: string, ip = "198.51.100.1", path = "/callback/credentials") {
  return new NextRequest(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password: "wrong-password", csrfToken: "csrf" }),
  });
}

beforeAll(async () => {
  for (let i = 0; i < 10; i++) await recordSignInFailure("locked@example.com", `192.0.2.${i}`);
  for (let i = 0; i < 10; i++) await recordSignInFailure(`victim${i}@example.com`, "203.0.113.9");
});

beforeEach(() => {
  authJs.POST.mockClear();
});

describe("POST /api/auth/callback/credentials", () => {
  it("answers 429 with the API error shape and Retry-After after 10 failures for the account", async () => {
    const response = await POST(signIn("  Locked@Example.com "));
    expect(response.status).toBe(429);
    const body = await response.json();
    expect(body).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/^Too many attempts\. Try again in \d+ minutes?\.$/) } });
    const minutes = Number(/in (\d+) minute/.exec(body.error.message)![1]);
    expect(minutes).toBeGreaterThanOrEqual(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(response.headers.get("retry-after")).toBe(String(minutes * 60));
    expect(authJs.POST).not.toHaveBeenCalled();
  });

  it("lets a sign-in through to Auth.js from an address with 10 failures on other accounts (it may be the right password)", async () => {
    const request = signIn("someone-new@example.com", "203.0.113.9");
    const response = await POST(request);
    expect(response.status).toBe(302);
    expect(authJs.POST).toHaveBeenCalledWith(request);
  });

  it("hands any other sign-in to Auth.js unchanged, body still readable", async () => {
    const request = signIn("fresh@example.com");
    const response = await POST(request);
    expect(authJs.POST).toHaveBeenCalledWith(request);
    expect(response.status).toBe(302);
    expect(new URLSearchParams(await response.text()).get("email")).toBe("fresh@example.com");
  });

  it("leaves other Auth.js endpoints alone", async () => {
    const response = await POST(signIn("locked@example.com", "198.51.100.1", "/signout"));
    expect(response.status).toBe(302);
    expect(authJs.POST).toHaveBeenCalledOnce();
    expect(GET).toBe(authJs.GET);
  });
});
