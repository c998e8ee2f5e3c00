import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, BASE_URL } from "./support/env";
import { newAccount, signUp } from "./support/accounts";
import { sessionApi } from "./support/session-api";
import { createProjectAndAgentViaApi } from "./support/workspace";
import { ok } from "./support/pipeline";

/**
 * Attacks from another site, and the headers that stop them. The attacker is
 * a real page on another localhost port: the same *site* as the app (so the
 * browser sends the SameSite=Lax session cookie along) but another origin.
 */

type Attacker = { url: string; close: () => Promise<void> };

/** Serves one HTML page on http://localhost:<free port>/, another origin than the app. */
async function attackerSite(html: string): Promise<Attacker> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function tagNames(page: Page): Promise<string[]> {
  const tags = await ok<{ data: { name: string }[] }>(await sessionApi(page).get("/api/v1/tags"));
  return tags.data.map((t) => t.name).sort();
}

test.describe("cross-site requests", () => {
  test("a page on another localhost port cannot create or delete the signed-in user's tags", async ({ page, context }) => {
    await signUp(page, newAccount("csrf"));
    const kept = await ok<{ id: string }>(await sessionApi(page).post("/api/v1/tags", { data: { name: "kept", content: "mine" } }), 201);

    const attacker = await attackerSite(`<!doctype html><title>Cute cats</title><script>
      const api = ${JSON.stringify(`${BASE_URL}/api/v1/tags`)};
      window.attack = Promise.allSettled([
        fetch(api, { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" },
          body: JSON.stringify({ name: "pwned", content: "ignore all previous instructions" }) }),
        fetch(api + "/${kept.id}", { method: "DELETE", credentials: "include" }),
        fetch(api + "/${kept.id}", { method: "POST", mode: "no-cors", credentials: "include" }),
      ]).then((results) => results.map((r) => r.status));
    </script>`);
    try {
      const evil = await context.newPage();
      await evil.goto(attacker.url);
      // The no-cors POSTs go out (the browser hides the answer, not the request); the DELETE needs a preflight we never grant.
      expect(await evil.evaluate(() => (window as unknown as { attack: Promise<string[]> }).attack)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await tagNames(page)).toEqual(["kept"]);
    } finally {
      await attacker.close();
    }
  });

  test("a cross-site form posting a server action gets a 403 and changes nothing", async ({ page, context }) => {
    await signUp(page, newAccount("csrf-action"));
    await page.goto("/settings/tokens");
    // What an attacker copies from the app's own markup: the token form's hidden action fields.
    const form = page.locator("form").filter({ has: page.getByLabel("Token name") });
    const hidden = await form.locator('input[type="hidden"]').evaluateAll((inputs) =>
      inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]),
    );
    expect(hidden.length).toBeGreaterThan(0);
    const fields = [...hidden, ["name", "planted by another site"]]
      .map(([name, value]) => `<input type="hidden" name="${name!.replace(/"/g, "&quot;")}" value="${value!.replace(/"/g, "&quot;")}">`)
      .join("");
    const attacker = await attackerSite(
      `<!doctype html><form method="post" enctype="multipart/form-data" action="${BASE_URL}/settings/tokens">${fields}</form>` +
        `<script>document.forms[0].submit()</script>`,
    );
    try {
      const evil = await context.newPage();
      const answer = evil.waitForResponse((r) => r.url() === `${BASE_URL}/settings/tokens` && r.request().method() === "POST");
      await evil.goto(attacker.url);
      const response = await answer;
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
      await page.reload();
      await expect(page.getByText("planted by another site")).toHaveCount(0);
      await expect(page.getByText("No tokens yet.", { exact: false })).toBeVisible();
    } finally {
      await attacker.close();
    }
  });

  test("another site cannot frame a signed-in page (clickjacking /settings/tokens)", async ({ page, context }) => {
    await signUp(page, newAccount("framed"));
    await page.goto("/settings/tokens");
    await expect(page.getByRole("heading", { name: "API tokens" }).first()).toBeVisible();

    const attacker = await attackerSite(`<!doctype html><h1>Win a prize</h1><iframe src="${BASE_URL}/settings/tokens" width="800" height="600"></iframe>`);
    try {
      const evil = await context.newPage();
      const framed = evil.waitForResponse(`${BASE_URL}/settings/tokens`);
      await evil.goto(attacker.url);
      const response = await framed;
      expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(response.headers()["x-frame-options"]).toBe("DENY");
      await evil.waitForTimeout(500); // give a (wrongly) allowed frame time to render
      await expect(evil.frameLocator("iframe").getByRole("heading", { name: "API tokens" })).toHaveCount(0);
      await expect(evil.frameLocator("iframe").getByLabel("Token name")).toHaveCount(0);
    } finally {
      await attacker.close();
    }
  });
});

test.describe("security headers and the CSP", () => {
  // The suite's server runs behind TRUST_PROXY=1 (e2e/support/accounts.ts): its "proxy" says
  // whether the browser came over https. Without TRUST_PROXY the header is ignored
  // (lib/http/security-headers.test.ts).
  test("pages and API answers carry the security headers; HSTS only when the trusted proxy says https", async ({ request }) => {
    for (const path of ["/sign-in", "/api/v1/me", "/api/v1/openapi.json"]) {
      const plain = await request.get(path);
      expect(plain.headers()["strict-transport-security"], path).toBeUndefined();
      const response = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
      const headers = response.headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(headers["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
    }
    const first = (await request.get("/sign-in")).headers()["content-security-policy"];
    const second = (await request.get("/sign-in")).headers()["content-security-policy"];
    expect(first).not.toBe(second); // a fresh nonce per request
  });

  /**
   * Visits each path, failing on any CSP violation or CSP console message, and checks the page
   * rendered its heading and hydrated without a mismatch (React's errors 418-425 mean it threw the
   * server's HTML away and rendered again in the browser).
   */
  async function visitAllUnderCsp(page: Page, paths: string[]) {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/content security policy|refused to (load|execute|apply|frame|connect)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      if (/hydrat|React error #4(18|19|21|22|23|25)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => void (/hydrat|React error #4(18|19|21|22|23|25)/i.test(error.message) && violations.push(`${page.url()}: ${error.message}`)));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const where = `${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`;
        console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${where}`);
      });
    });
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      expect(response?.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
      await expect(page.getByRole("heading").first(), path).toBeVisible();
      // Hydrated: React's scripts ran under the CSP (Next marks the document once it has).
      await page.waitForLoadState("networkidle");
    }
    expect(violations).toEqual([]);
  }

  test("every page works under the CSP, signed in as a user", async ({ page }) => {
    test.setTimeout(180_000);
    const account = newAccount("csp");
    await signUp(page, account);
    const api = sessionApi(page);
    const { projectId, agentId } = await createProjectAndAgentViaApi(page, { project: "CSP project", agent: "CSP agent", defaultTask: "echo hi" });
    const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId, projectId, task: "echo hello" } }), 201);
    const idea = await ok<{ id: string }>(await api.post("/api/v1/ideas", { data: { projectId, title: "An idea", description: "Under a CSP." } }), 201);
    const task = await ok<{ id: string }>(await api.post("/api/v1/tasks", { data: { projectId, title: "A task", description: "", type: "feature" } }), 201);
    const attempt = await ok<{ id: string }>(await api.post(`/api/v1/tasks/${task.id}/attempts`, { data: { agentId } }), 201);

    await visitAllUnderCsp(page, [
      "/",
      "/dashboard",
      "/projects",
      `/projects/${projectId}`,
      "/agents",
      `/agents/${agentId}`,
      "/runs",
      `/runs/${run.id}`,
      "/board",
      `/board?task=${task.id}`,
      "/board/tags",
      `/board/attempts/${attempt.id}`,
      "/ideas",
      "/links",
      `/ideas/${idea.id}`,
      "/usage",
      "/trash",
      "/settings",
      "/settings/tokens",
      "/settings/providers",
      "/billing",
    ]);
  });

  test.describe("as the admin", () => {
    test.use({ storageState: ADMIN_STATE });
    test("every admin page works under the CSP", async ({ page }) => {
      const me = await ok<{ id: string }>(await sessionApi(page).get("/api/v1/me"));
      await visitAllUnderCsp(page, ["/admin", "/admin/users", `/admin/users/${me.id}`, "/admin/jobs", "/admin/audit", "/admin/models", "/admin/usage", "/admin/settings"]);
    });
  });

  test.describe("signed out", () => {
    test("sign-in, sign-up and the landing page work under the CSP", async ({ page }) => {
      await visitAllUnderCsp(page, ["/", "/sign-in", "/sign-up"]);
    });
  });
});

test.describe("request bodies", () => {
  /** Streams up to `max` bytes of a JSON string to `path` with the page's cookie, chunked; stops at the answer. */
  async function streamJson(page: Page, path: string, max: number) {
    const cookie = (await page.context().cookies(BASE_URL)).map((c) => `${c.name}=${c.value}`).join("; ");
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = http.request(`${BASE_URL}${path}`, { method: "POST", headers: { cookie, origin: BASE_URL, "content-type": "application/json" } });
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
      if (!req.write(chunk)) await new Promise((resolve) => (req.once("drain", resolve), setTimeout(resolve, 50)));
    }
    const result = await response;
    req.destroy();
    return { ...result, sent };
  }

  test("a 600 MB JSON body is refused with 413 after about a megabyte, not read to the end", async ({ page }) => {
    await signUp(page, newAccount("bigbody"));
    const { status, body, sent } = await streamJson(page, "/api/v1/tags", 600 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "payload_too_large" } });
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect(await tagNames(page)).toEqual([]);
  });
});

test.describe("malformed URLs and methods", () => {
  const ID_ROUTES = [
    "/api/v1/runs/%ff",
    "/api/v1/runs/%ff/log",
    "/api/v1/runs/%ff/events",
    "/api/v1/projects/%ff",
    "/api/v1/agents/%ff",
    "/api/v1/agents/%ff/export",
    "/api/v1/tags/%ff",
    "/api/v1/tasks/%ff",
    "/api/v1/ideas/%ff",
    "/api/v1/attempts/%ff",
    "/api/v1/attempts/%ff/diff",
    "/api/v1/images/%ff",
    "/api/runs/%ff/events",
  ];

  test("a broken percent-encoding in an API path is a 400 in the JSON error shape", async ({ request }) => {
    for (const path of ID_ROUTES) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.json(), path).toMatchObject({ error: { code: "validation", message: expect.stringContaining("percent-encoding") } });
    }
  });

  test("a broken percent-encoding in a page path shows the not-found page", async ({ page }) => {
    await signUp(page, newAccount("malformed"));
    for (const path of ["/runs/%ff", "/board/attempts/%ff", "/projects/%E0%A4%A", "/ideas/%ff"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" }), path).toBeVisible();
    }
  });

  test("a method a path does not take is a 405 in the JSON error shape, with Allow", async ({ request }) => {
    const put = await request.put("/api/v1/projects", { data: {} });
    expect(put.status()).toBe(405);
    expect(put.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
    expect(await put.json()).toMatchObject({ error: { code: "method_not_allowed", message: expect.stringContaining("PUT") } });
    const del = await request.delete("/api/v1/me");
    expect(del.status()).toBe(405);
    const get = await request.get("/api/v1/agents/import");
    expect(get.status()).toBe(405); // /agents/import is its own route (POST), not /agents/{id}
    // Unknown paths are still the catch-all's 404, and a right method still reaches the route.
    expect((await request.put("/api/v1/no-such-thing")).status()).toBe(404);
    expect((await request.get("/api/v1/projects")).status()).toBe(401);
  });
});
