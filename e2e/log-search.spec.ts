import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { runPage, waitForHydration } from "./support/workspace";

/*
 * A run's log is searchable as a whole: only the lines in view are in the DOM
 * (the list is virtualised), yet search finds a line far off screen and
 * brings it into view; next/previous walk the matches; "Jump to first error"
 * finds the first standard-error line; #L123 links to a line; the wrap toggle
 * and the line's time on hover are there.
 */

test("search finds a line that is not rendered, and the log links to lines and jumps to the first error", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, newAccount("searcher"));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Logs" } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Printer", executor: "script" } }), 201);
  // 5,000 lines; line 20 holds a unique word, line 2,500 goes to standard error, "twin" appears twice.
  const script =
    "for i in $(seq 1 5000); do if [ $i = 20 ]; then echo \"needle-in-a-haystack\"; elif [ $i = 2500 ]; then echo \"broken pipe at $i\" >&2; " +
    "elif [ $i = 30 ] || [ $i = 4000 ]; then echo \"twin $i\"; else echo \"row $i\"; fi; done";
  const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task: script } }), 201);
  await waitFor<{ status: string }>(api, `/api/v1/runs/${run.id}`, (r) => r.status === "completed");

  await page.goto(`/runs/${run.id}`);
  const view = runPage(page);
  await expect(view.stream).toHaveAttribute("data-run-stream", "ended", { timeout: 30_000 });
  await expect(page.getByText(/^5,00\d lines$/)).toBeVisible(); // the lines and the status changes
  // Following the end: line 20 is not in the DOM.
  await expect(view.log.getByText("needle-in-a-haystack")).toHaveCount(0);

  const search = page.getByRole("searchbox", { name: "Search the log" });
  await waitForHydration(search);
  await search.fill("NEEDLE");
  await expect(page.getByRole("status").filter({ hasText: /^1 of 1$/ })).toBeVisible();
  const found = view.log.locator("[data-current]");
  await expect(found).toHaveText("needle-in-a-haystack");
  await expect(found).toBeInViewport();

  // Next and previous walk the matches, wrapping around.
  await search.fill("twin");
  await expect(page.getByRole("status").filter({ hasText: /^1 of 2$/ })).toBeVisible();
  await expect(view.log.locator("[data-current]")).toHaveText("twin 30");
  await page.getByRole("button", { name: "Next match" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^2 of 2$/ })).toBeVisible();
  await expect(view.log.locator("[data-current]")).toHaveText("twin 4000");
  await expect(view.log.locator("[data-current]")).toBeInViewport();
  await search.press("Enter");
  await expect(view.log.locator("[data-current]")).toHaveText("twin 30");
  await search.press("Shift+Enter");
  await expect(view.log.locator("[data-current]")).toHaveText("twin 4000");
  await search.fill("no such words");
  await expect(page.getByRole("status").filter({ hasText: "No matches" })).toBeVisible();
  await search.fill("");

  // The first error line, wherever it is.
  await page.getByRole("button", { name: "Jump to first error" }).click();
  const errorRow = view.log.locator("[data-line]").filter({ hasText: "broken pipe at 2500" });
  await expect(errorRow).toBeInViewport();

  // Each line's number links to it and tells when it was written.
  const n = await errorRow.getAttribute("data-line");
  const lineLink = errorRow.getByRole("link", { name: `Line ${n}, link to it` });
  await expect(lineLink).toHaveAttribute("title", /\d{4}/);
  await lineLink.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${run.id}#L${n}$`));
  await page.goto(`/runs/${run.id}#L1000`);
  await expect(view.log.locator('[data-line="1000"]')).toBeInViewport({ timeout: 20_000 });
  await expect(view.log.locator('[data-line="1000"]')).toHaveText(/^row \d+$/);

  // Wrapping is a toggle.
  const wrap = page.getByRole("button", { name: "Wrap lines" });
  await expect(wrap).toHaveAttribute("aria-pressed", "true");
  await wrap.click();
  await expect(wrap).toHaveAttribute("aria-pressed", "false");
});
