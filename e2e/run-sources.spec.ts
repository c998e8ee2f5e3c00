import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { waitForHydration } from "./support/workspace";

/*
 * Runs people can tell apart: a run started over the API and the steps of a
 * task attempt, on /runs, the dashboard and a run's page, each with a short
 * title and a source badge that links back. Script agents; no model needed.
 */

test("runs show a short title and where they came from, linking back; the full command is one click away", async ({ page }) => {
  await signUp(page, newAccount("run-sources"));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Sources" } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Sh", type: "development", executor: "script", defaultTask: "echo worked" } }), 201);
  // Real escape and control characters, as a pasted coloured command has them.
  const command = "echo \u001b[1;32mgreen\u001b[0m  \u0007done\necho second line";
  const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task: command } }), 201);
  const task = await ok<{ id: string }>(await api.post("/api/v1/tasks", { data: { projectId: project.id, title: "Tidy the README", description: "", type: "chore" } }), 201);
  const attempt = await ok<{ id: string }>(await api.post(`/api/v1/tasks/${task.id}/attempts`, { data: { agentId: agent.id } }), 201);
  await waitFor<{ status: string }>(api, `/api/v1/attempts/${attempt.id}`, (a) => a.status === "completed");

  await page.goto("/runs");
  const apiRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "echo green done", exact: true }) });
  await expect(apiRow.getByText("API", { exact: true })).toBeVisible();
  const attemptRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Tidy the README" }) });
  await expect(attemptRow.getByRole("link", { name: "Task attempt" })).toHaveAttribute("href", `/board/attempts/${attempt.id}`);

  await page.goto("/dashboard");
  const recent = page.getByRole("region", { name: "Recent runs" });
  await expect(recent.getByRole("link", { name: "Task attempt" }).first()).toBeVisible();
  await expect(recent.getByRole("link", { name: "Tidy the README" }).first()).toBeVisible();

  await page.goto(`/runs/${run.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("echo green done");
  await page.getByText("Full command").click();
  await expect(page.locator("details pre")).toContainText("echo second line");
});

test("the runs list filters as a select changes, keeps the filter in the URL, and Clear shows every run again", async ({ page }) => {
  await signUp(page, newAccount("run-filters"));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Filters" } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Sh", type: "development", executor: "script" } }), 201);
  const start = async (task: string, status: string) => {
    const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task } }), 201);
    await waitFor<{ status: string }>(api, `/api/v1/runs/${run.id}`, (r) => r.status === status);
  };
  await start("echo fine", "completed");
  await start("exit 3", "failed");

  await page.goto("/runs");
  const runs = page.getByRole("table", { name: "Runs, newest first" });
  await expect(runs.getByRole("link", { name: "echo fine", exact: true })).toBeVisible();
  await expect(runs.getByRole("link", { name: "exit 3", exact: true })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter runs" });
  // No Apply button to press: choosing is enough.
  await expect(filters.getByRole("button")).toHaveCount(0);
  const status = filters.getByLabel("Status");
  await waitForHydration(status);
  await status.selectOption("failed");
  await expect(page).toHaveURL(/\/runs\?status=failed$/);
  await expect(runs.getByRole("link", { name: "echo fine", exact: true })).toHaveCount(0);
  await expect(runs.getByRole("link", { name: "exit 3", exact: true })).toBeVisible();
  // The URL is the filter: a reload shows the same list.
  await page.reload();
  await expect(runs.getByRole("link", { name: "exit 3", exact: true })).toBeVisible();
  await expect(runs.getByRole("link", { name: "echo fine", exact: true })).toHaveCount(0);
  await expect(filters.getByLabel("Status")).toHaveValue("failed");

  await filters.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(runs.getByRole("link", { name: "echo fine", exact: true })).toBeVisible();
  await expect(filters.getByLabel("Status")).toHaveValue("");
});
