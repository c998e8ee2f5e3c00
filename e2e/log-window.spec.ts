import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { openGate, projectFolder, runPage, waitForHydration } from "./support/workspace";

/*
 * A long log is never all in the page: the run page opens at the end, holds a
 * bounded window of lines and loads the others as the reader goes there. So
 * scrolling to the top shows the first line, a #L link lands on its line,
 * search finds a line the page never loaded, and new lines keep arriving at
 * the end without pulling a reader who is higher up.
 */

const ROWS = 30_000;
/** The page's window of lines is at most this many (components/runs/log-store.ts). */
const MAX_HELD = 10_000;

test("a 30,000-line run opens at its end, loads older lines on demand, links and searches every line, and keeps tailing", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, newAccount("reader"));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Long logs" } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Long printer", executor: "script" } }), 201);
  // 30,000 rows at once, then (once the test opens the gate) 100 live lines, slowly.
  const task =
    `for i in $(seq 1 ${ROWS}); do echo "row $i"; done; ` +
    "for t in $(seq 1 1200); do [ -e go ] && break; sleep 0.05; done; " +
    "for i in $(seq 1 100); do echo \"live $i\"; sleep 0.03; done";
  const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task } }), 201);
  // Every row is stored (the status line comes first) while the run waits at the gate.
  await waitFor<{ lastSeq: number }>(api, `/api/v1/runs/${run.id}`, (r) => r.lastSeq >= ROWS + 1, 60_000);

  // A running run's page hydrates without a mismatch (its ticking elapsed time once made React
  // throw the server's HTML away and render the page again, log and all).
  const hydrationErrors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && /hydrat|React error #4(18|19|23|25)/i.test(m.text()) && hydrationErrors.push(m.text())));
  page.on("pageerror", (e) => void (/hydrat|React error #4(18|19|23|25)/i.test(e.message) && hydrationErrors.push(e.message)));
  await page.goto(`/runs/${run.id}`);
  const view = runPage(page);
  const held = async () => Number(await view.log.getAttribute("data-held"));
  // The end of the log, in view at once; the count is the whole log's.
  const last = view.log.getByText(`row ${ROWS}`, { exact: true });
  await expect(last).toBeAttached({ timeout: 20_000 });
  // The whole log box on screen (the window is shorter than the page), so "in viewport" means "in the log's view".
  await view.log.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await expect(page.getByText(/^30,00\d lines$/)).toBeVisible();
  await expect(view.status).toHaveText("Running");
  expect(await held()).toBeLessThanOrEqual(2_000);
  expect(hydrationErrors).toEqual([]);

  // The scroll bar is the whole log's: its top is the first line, loaded when reached.
  await view.log.evaluate((el) => (el.scrollTop = 0));
  await expect(view.log.getByText("row 1", { exact: true })).toBeInViewport({ timeout: 20_000 });
  // Scrolling down from there in steps: every line on the way comes in, the window stays bounded.
  for (let i = 1; i <= 6; i++) {
    await view.log.evaluate((el, k) => (el.scrollTop = (el.scrollHeight * k) / 7), i);
    await expect(view.log.getByText(/^Loading lines/)).toHaveCount(0, { timeout: 20_000 });
    expect(await held()).toBeLessThanOrEqual(MAX_HELD);
  }

  // A link to a line far from both ends, opened afresh, lands on that line.
  await page.goto("about:blank");
  await page.goto(`/runs/${run.id}#L15000`);
  const linked = view.log.locator('[data-line="15000"]');
  await expect(linked).toBeAttached({ timeout: 20_000 });
  await view.log.scrollIntoViewIfNeeded();
  await expect(linked).toBeInViewport();
  const stored = await ok<{ data: { data: { text: string } }[] }>(await api.get(`/api/v1/runs/${run.id}/lines?after=14999&limit=1`));
  await expect(linked).toHaveText(stored.data[0]!.data.text);

  // Search covers the whole log: a line this page never loaded is found and brought into view.
  await expect(view.log.getByText("row 25000", { exact: true })).toHaveCount(0);
  const search = page.getByRole("searchbox", { name: "Search the log" });
  await waitForHydration(search);
  await search.fill("row 25000");
  await expect(page.getByRole("status").filter({ hasText: /^1 of 1$/ })).toBeVisible();
  const found = view.log.locator("[data-current]");
  await expect(found).toHaveText("row 25000");
  await expect(found).toBeInViewport();
  // Too many matches to list at once: the page says so.
  await search.fill("row 1");
  await expect(page.getByText("More than 1,000 matches: next goes on to the following ones.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^1 of 1,000\+$/ })).toBeVisible();
  await search.fill("row 25000");
  await expect(found).toBeInViewport();

  // Live lines arrive at the end while the reader is at row 25,000: the count grows, the reader's line stays put.
  const before = await found.boundingBox();
  openGate(await projectFolder(page, project.id));
  await expect(page.getByText(/^30,0[5-9]\d lines$/)).toBeVisible({ timeout: 30_000 });
  await expect(found).toBeInViewport();
  expect((await found.boundingBox())!.y).toBeCloseTo(before!.y, 0);

  // Back to the end: it follows the live lines to the last one.
  await page.getByRole("button", { name: "Jump to latest ↓" }).click();
  await expect(view.status).toHaveText("Completed", { timeout: 30_000 });
  await expect(view.log.getByText("live 100", { exact: true })).toBeInViewport({ timeout: 10_000 });
  await expect(view.log.getByText("live 99", { exact: true })).toBeInViewport();
  expect(await held()).toBeLessThanOrEqual(MAX_HELD);
});
