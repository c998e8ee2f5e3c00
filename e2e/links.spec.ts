import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok } from "./support/pipeline";
import { sessionApi } from "./support/session-api";

/*
 * /links in a browser: pages served by a web server this spec starts on loopback (the e2e
 * server runs with LINKS_ALLOW_PRIVATE=1), read by a script agent that answers with the JSON
 * a model would (a stand-in for one; no model needed).
 */

let web: http.Server;
let origin = "";
test.beforeAll(async () => {
  web = http.createServer((req, res) => {
    if (req.url === "/rust-2026") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<html><head><title>Rust 2026 edition</title></head><body><main><h1>Rust 2026</h1><p>Async closures are stable.</p></main></body></html>");
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("gone");
    }
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
});

const ANSWER = `printf '%s\\n' 'Reading it now.' '\`\`\`json' '{"mainTopic": "The Rust 2026 edition", "reasonsToCare": ["Async closures are stable", "Upgrading is automatic"]}' '\`\`\`'`;

const SECOND_ANSWER = `printf '%s\\n' '{"mainTopic": "A new Rust edition", "reasonsToCare": ["It is out"]}'`;

test("save links, watch them analysed, filter, search, analyse again and delete", async ({ page }) => {
  await signUp(page, newAccount("links"));
  const api = sessionApi(page);
  await ok(await api.post("/api/v1/agents", { data: { name: "Page reader", type: "support", executor: "script", defaultTask: ANSWER } }), 201);
  await ok(await api.post("/api/v1/agents", { data: { name: "Second reader", type: "support", executor: "script", defaultTask: SECOND_ANSWER } }), 201);

  await page.goto("/links");
  await expect(page.getByRole("heading", { name: "No links saved yet" })).toBeVisible();
  await page.getByLabel("URLs").fill(`${origin}/rust-2026\n${origin}/missing\n`);
  await page.getByLabel("Agent").selectOption({ label: "Page reader" });
  await page.getByRole("button", { name: "Save and analyse" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved 2: they are being analysed.");

  const list = page.getByRole("list", { name: "Saved links" });
  const article = list.getByTestId("link-item").filter({ hasText: `${origin}/rust-2026` });
  const missing = list.getByTestId("link-item").filter({ hasText: `${origin}/missing` });
  // The page refreshes itself while links are being analysed.
  await expect(article.getByTestId("link-status")).toHaveText("Done", { timeout: 30_000 });
  await expect(article.getByRole("heading", { name: "Rust 2026 edition" })).toBeVisible();
  await expect(article.getByTestId("link-topic")).toHaveText("The Rust 2026 edition");
  await expect(article.getByText("Upgrading is automatic")).toBeVisible();
  await expect(missing.getByTestId("link-status")).toHaveText("Failed", { timeout: 30_000 });
  await expect(missing.getByTestId("link-error")).toHaveText("The page answered HTTP 404 Not Found.");

  // Filters and search.
  const search = page.getByRole("search", { name: "Filter links" });
  await search.getByLabel("Status").selectOption({ label: "Failed" });
  await search.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(list.getByTestId("link-item")).toHaveCount(1);
  await expect(missing).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/links$/);
  await page.getByRole("search", { name: "Filter links" }).getByLabel("Search").fill("rust 2026");
  await page.getByRole("search", { name: "Filter links" }).getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=rust\+2026/);
  await expect(list.getByTestId("link-item")).toHaveCount(1);
  await expect(article).toBeVisible();
  await page.getByRole("search", { name: "Filter links" }).getByLabel("Domain").selectOption("127.0.0.1");
  await page.getByRole("search", { name: "Filter links" }).getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/domain=127\.0\.0\.1/);
  await expect(list.getByTestId("link-item")).toHaveCount(1);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/links$/);

  // The analysis is a run with a Link badge that leads back to the link's page, which shows the page's text.
  await article.getByRole("link", { name: "Analysis run" }).click();
  await expect(page.getByText("Reading it now.", { exact: true })).toBeVisible();
  await page.goto("/runs");
  const runRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Link", exact: true }) });
  await expect(runRow).toHaveCount(1);
  await runRow.getByRole("link", { name: "Link", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rust 2026 edition");
  await expect(page.getByRole("region", { name: "Page text" })).toContainText("Async closures are stable.");
  // Analyse it again with another agent (one that answers bare JSON): the page follows along.
  await page.getByLabel("Analyse again with").selectOption({ label: "Second reader" });
  await page.getByRole("button", { name: /^Analyse again/ }).click();
  await expect(page.getByText("A new Rust edition")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("link-status")).toHaveText("Done");

  // Analyse the failed one again: it is fetched again and fails again, saying why.
  await page.goto("/links");
  await missing.getByRole("button", { name: /^Analyse again/ }).click();
  await expect(missing.getByTestId("link-status")).toHaveText("Failed", { timeout: 30_000 });
  await expect(missing.getByTestId("link-error")).toHaveText("The page answered HTTP 404 Not Found.");

  // Delete it.
  page.once("dialog", (dialog) => void dialog.accept());
  await missing.getByRole("button", { name: /^Delete/ }).click();
  await expect(list.getByTestId("link-item")).toHaveCount(1);
  await expect(missing).toHaveCount(0);
});

test("another user's link is not found, in the page and the API", async ({ page, browser }) => {
  await signUp(page, newAccount("links-owner"));
  const created = await ok<{ id: string }>(await sessionApi(page).post("/api/v1/links", { data: { url: "https://example.com/secret-plans" } }), 201);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await signUp(other, newAccount("links-other"));
  expect((await other.request.get(`/api/v1/links/${created.id}`)).status()).toBe(404);
  const response = await other.goto(`/links/${created.id}`);
  expect(response?.status()).toBe(404);
  await other.goto("/links");
  await expect(other.getByText("secret-plans")).toHaveCount(0);
  await context.close();
});
