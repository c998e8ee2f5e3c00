import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";

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
