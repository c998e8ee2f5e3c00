import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";

/*
 * One count everywhere: runs that use no tokens (script runs) are runs too,
 * so the dashboard's "Runs per month", the totals on /usage and the admin's
 * view of the user all say the same number.
 */

test("the dashboard, /usage and the admin's page of the user count the same runs, token-free runs included", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signUp(page, newAccount("counted"));
  const api = sessionApi(page);
  const me = await ok<{ id: string }>(await api.get("/api/v1/me"));
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Counted" } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Echo", executor: "script" } }), 201);
  for (const task of ["echo one", "echo two; exit 3"]) {
    const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task } }), 201);
    await waitFor<{ status: string }>(api, `/api/v1/runs/${run.id}`, (r) => r.status === "completed" || r.status === "failed");
  }

  await page.goto("/dashboard");
  await expect(page.getByRole("progressbar", { name: "Runs per month" })).toHaveAttribute("aria-valuenow", "2");
  await page.goto("/usage");
  await expect(page.locator("dt", { hasText: /^Runs$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("2");

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    const adminPage = await admin.newPage();
    await adminPage.goto(`/admin/users/${me.id}`);
    await expect(adminPage.getByRole("heading", { name: /^Usage, last 30 days: 2 runs, \$/ })).toBeVisible();
  } finally {
    await admin.close();
  }
});
