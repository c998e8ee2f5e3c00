import http from "node:http";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/db/client";
import { agents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createApiToken } from "@/lib/tokens/tokens";
import { createUser } from "@/lib/users/users";
import { serveFetch } from "@/tests/serve-fetch";
import { apiRoute } from "./route";
import { paginationQuery } from "./schemas";

// No browser session in unit tests (and next-auth stays out of the imports); the bearer path is under test.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

let adminAuth: string;
let userAuth: string;
let userId: string;

beforeAll(async () => {
  const admin = await createUser({ email: "admin@example.com" }); // first user: admin
  const user = await createUser({ email: "user@example.com" });
  adminAuth = `Bearer ${(await createApiToken(admin!.id, "t")).value}`;
  userAuth = `Bearer ${(await createApiToken(user!.id, "t")).value}`;
  userId = user!.id;
});

afterEach(() => vi.restoreAllMocks());

const URL_ = "http://localhost/api/v1/things";
const post = (body: string, auth = userAuth) =>
  new Request(URL_, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body });

const thingBody = z.object({ name: z.string().min(1).max(20), count: z.number().int().min(0) });

describe("apiRoute", () => {
  const create = apiRoute({ body: thingBody }, async ({ body, user }) => ({ ...body, owner: user.id }));

  it("passes a valid body through and answers JSON", async () => {
    const response = await create(post(JSON.stringify({ name: "a", count: 1, extra: "dropped" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "a", count: 1, owner: userId });
  });

  it("answers 400 with field errors when the body fails the schema", async () => {
    const response = await create(post(JSON.stringify({ name: "", count: -1 })));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("validation");
    expect(Object.keys(body.error.fields).sort()).toEqual(["count", "name"]);
  });

  it("answers 400 for a body that is not JSON, or missing when the schema needs fields", async () => {
    const notJson = await create(post("{not json"));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toBe("The request body must be valid JSON.");
    const missing = await create(post(""));
    expect(missing.status).toBe(400);
    expect(Object.keys((await missing.json()).error.fields)).toEqual(expect.arrayContaining(["name", "count"]));
  });

  it("reads no body as {} for actions whose fields are all optional", async () => {
    const act = apiRoute({ body: z.object({ mode: z.enum(["ff", "merge"]).optional() }) }, async ({ body }) => ({ got: body }));
    const response = await act(new Request(URL_, { method: "POST", headers: { authorization: userAuth } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ got: {} });
  });

  it("validates the query, with pagination defaults and bounds", async () => {
    const list = apiRoute({ query: paginationQuery }, async ({ query }) => query);
    const get = (qs: string) => list(new Request(`${URL_}${qs}`, { headers: { authorization: userAuth } }));
    expect(await (await get("")).json()).toEqual({ limit: 25 });
    expect(await (await get("?limit=100&cursor=abc")).json()).toEqual({ limit: 100, cursor: "abc" });
    for (const bad of ["?limit=0", "?limit=101", "?limit=ten"]) {
      const response = await get(bad);
      expect(response.status).toBe(400);
      expect((await response.json()).error.fields).toHaveProperty("limit");
    }
  });

  it("turns an AppError into its status and a unique-index violation into 409", async () => {
    const missing = apiRoute({}, async () => {
      throw new AppError("not_found", "That run does not exist.");
    });
    const response = await missing(new Request(URL_, { headers: { authorization: userAuth } }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "That run does not exist." } });

    const twice = apiRoute({}, async ({ user }) => {
      await db().insert(agents).values({ userId: user.id, name: "dup" });
      await db().insert(agents).values({ userId: user.id, name: "dup" });
    });
    const conflict = await twice(new Request(URL_, { headers: { authorization: userAuth } }));
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("conflict");
  });

  it("logs an unexpected error and answers a 500 JSON that reveals nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = apiRoute({}, async () => {
      throw new Error("secret internals");
    });
    const response = await broken(new Request(URL_, { headers: { authorization: userAuth } }));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("secret internals");
    expect(log).toHaveBeenCalled();
  });

  it("answers 404 to a non-admin on an admin route, and lets the admin in", async () => {
    const adminOnly = apiRoute({ access: "admin" }, async () => ({ ok: true }));
    expect((await adminOnly(new Request(URL_, { headers: { authorization: userAuth } }))).status).toBe(404);
    expect((await adminOnly(new Request(URL_, { headers: { authorization: adminAuth } }))).status).toBe(200);
  });

  it("serves a public route to anyone, even with a bad token", async () => {
    const open = apiRoute({ access: "public" }, async ({ user }) => ({ signedIn: Boolean(user) }));
    expect(await (await open(new Request(URL_, { headers: { authorization: "Bearer sb_bad" } }))).json()).toEqual({ signedIn: false });
    expect(await (await open(new Request(URL_, { headers: { authorization: userAuth } }))).json()).toEqual({ signedIn: true });
  });

  it("hands route params to the handler, joining catch-all segments", async () => {
    const show = apiRoute({}, async ({ params }) => params);
    const response = await show(new Request(URL_, { headers: { authorization: userAuth } }), {
      params: Promise.resolve({ id: "r1", rest: ["a", "b"] }),
    });
    expect(await response.json()).toEqual({ id: "r1", rest: "a/b" });
  });

  it("keeps the spec on the handler for the OpenAPI check", () => {
    const route = apiRoute({ body: thingBody }, async () => null);
    expect(route.apiSpec).toEqual({ access: "user", query: undefined, body: thingBody });
  });
});

describe("apiRoute: hostile input", () => {
  const tagLike = z.object({ name: z.string().min(1).max(50), content: z.string().max(5000) });
  const echo = apiRoute({ body: tagLike }, async ({ body }) => body);

  /**
   * Streams a body of up to `max` bytes in 64 KB chunks over real HTTP, chunked,
   * waiting whenever the socket is full, and stops as soon as the answer comes:
   * how much was sent by then is how much the server let in.
   */
  async function streamHuge(url: string, max: number, headers: Record<string, string> = {}) {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { authorization: userAuth, "content-type": "application/json", ...headers } });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.on("data", (d) => (body += d)).on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
    });
    req.write('{"name":"');
    while (!answered && sent < max) {
      sent += chunk.length;
      if (!req.write(chunk)) {
        // Backpressure: wait until the server reads more (or has answered and will read no more).
        await new Promise((resolve) => {
          req.once("drain", resolve);
          setTimeout(resolve, 50);
        });
      }
    }
    const result = await response;
    req.destroy();
    return { ...result, sent };
  }

  it("answers 413 to a JSON body over 1 MB while it streams in, long before the rest is sent", async () => {
    const server = await serveFetch(echo);
    try {
      const { status, body, sent } = await streamHuge(server.url, 600 * 1024 * 1024);
      expect(status).toBe(413);
      expect(JSON.parse(body)).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("over 1 MB") } });
      // 600 MB offered; the server stopped reading just past 1 MB (what is in flight in socket buffers aside).
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it("answers 413 at once to a declared Content-Length over 1 MB, reading none of it", async () => {
    const response = await echo(
      new Request(URL_, {
        method: "POST",
        headers: { authorization: userAuth, "content-type": "application/json", "content-length": String(600 * 1024 * 1024) },
        body: new ReadableStream({ pull: () => new Promise(() => {}) }), // never sends a byte
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });

  it("takes a body just under 1 MB", async () => {
    const content = "x".repeat(1024 * 1024 - 100);
    const big = apiRoute({ body: z.object({ content: z.string() }) }, async ({ body }) => ({ length: body.content.length }));
    const response = await big(new Request(URL_, { method: "POST", headers: { authorization: userAuth }, body: JSON.stringify({ content }) }));
    expect(await response.json()).toEqual({ length: content.length });
  });

  it("refuses a NUL in any text field, body or query, naming the field", async () => {
    const response = await echo(post(JSON.stringify({ name: "nul\u0000byte", content: "fine" })));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "validation", message: "Some fields are not valid.", fields: { name: "This contains a NUL character (\\u0000), which is not allowed in text." } },
    });
    const nested = apiRoute({ body: z.object({ tools: z.array(z.string()) }) }, async ({ body }) => body);
    expect((await (await nested(post(JSON.stringify({ tools: ["ok", "b\u0000d"] })))).json()).error.fields).toHaveProperty(["tools.1"]);
    const list = apiRoute({ query: z.object({ status: z.string().optional() }) }, async ({ query }) => query);
    const query = await list(new Request(`${URL_}?status=run%00ning`, { headers: { authorization: userAuth } }));
    expect(query.status).toBe(400);
    expect((await query.json()).error.fields).toHaveProperty("status");
  });

  it("refuses a cookie write from another site (403), or one whose JSON body is sent as text/plain", async () => {
    // The browser sends the session cookie along; the session itself is not needed to be refused.
    const write = (headers: Record<string, string>) =>
      echo(new Request(URL_, { method: "POST", headers: { cookie: "authjs.session-token=eyJ", ...headers }, body: JSON.stringify({ name: "a", content: "" }) }));
    // What a page on http://localhost:4000 sends with fetch(…, { mode: "no-cors", credentials: "include" }).
    const crossSite = await write({ origin: "http://localhost:4000", "sec-fetch-site": "same-site", "content-type": "text/plain" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("another site") });
    expect((await write({ origin: "http://evil.example", "content-type": "application/json" })).status).toBe(403);
    expect((await write({ "content-type": "application/json" })).status).toBe(403); // no Origin at all: not one of our pages
    const plain = await write({ origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "text/plain" });
    expect(plain.status).toBe(400);
    // Our own page, with JSON: past the CSRF checks, to the session check (no session in this test).
    expect((await write({ origin: "http://localhost", "content-type": "application/json" })).status).toBe(401);
    // No cookie at all (a script that forgot its token): a plain 401 that says what to send.
    const noCookie = await echo(new Request(URL_, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }));
    expect(noCookie.status).toBe(401);
  });

  it("leaves bearer-token scripts alone: no Origin and a text/plain body are fine", async () => {
    const response = await echo(
      new Request(URL_, { method: "POST", headers: { authorization: userAuth, "content-type": "text/plain" }, body: JSON.stringify({ name: "a", content: "b" }) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "a", content: "b" });
  });
});
