import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { waitForHydration } from "./support/workspace";

/*
 * Never merge nothing, never merge a failure by accident: a failed attempt
 * that changed nothing offers Retry and no Merge (the API answers 409 saying
 * so); a failed attempt with commits asks before it merges. The agents are
 * `script` agents that fail on purpose, the project a real git workspace.
 */

type Attempt = { id: string; status: string; mergedAt: string | null };

async function failedAttempt(page: Page, label: string, agentTask: string) {
  await signUp(page, newAccount(label));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Failing" } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Breaks", type: "development", executor: "script", defaultTask: agentTask } }), 201);
  const task = await ok<{ id: string }>(await api.post("/api/v1/tasks", { data: { projectId: project.id, title: "Fix the build", description: "", type: "bugfix" } }), 201);
  const started = await ok<Attempt>(await api.post(`/api/v1/tasks/${task.id}/attempts`, { data: { agentId: agent.id } }), 201);
  await waitFor<Attempt>(api, `/api/v1/attempts/${started.id}`, (a) => a.status === "failed");
  return { api, taskId: task.id, attemptId: started.id };
}

test.describe("merging attempts", () => {
  test("a failed attempt with no commits: no Merge in the panel, Retry is the primary action, and the API refuses with 409", async ({ page }) => {
    const { api, taskId, attemptId } = await failedAttempt(page, "merge-nothing", "echo looked around; exit 1");

    const refused = await api.post(`/api/v1/attempts/${attemptId}/merge`, { data: {} });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.message).toBe("Nothing to merge: this attempt has no commits ahead of main.");

    await page.goto(`/board?task=${taskId}`);
    const panel = page.getByRole("complementary", { name: "Task details" });
    await expect(panel.getByText("Nothing to merge: this attempt has no commits ahead of main.")).toBeVisible();
    await expect(panel.getByRole("button", { name: "Merge", exact: true })).toHaveCount(0);
    const retry = panel.getByRole("button", { name: "Retry" });
    await expect(retry).toHaveClass(/bg-indigo-600/); // the primary button's look
    await waitForHydration(retry);
    await retry.click();
    await expect(panel.getByText("Retrying: a new attempt started with the same agent and instructions.")).toBeVisible();
    // The new attempt leads the panel; the failed one moves to "Earlier attempts".
    await expect(panel.getByRole("list", { name: "Attempts of this task" }).getByRole("listitem")).toHaveCount(1);
    const again = await ok<{ data: Attempt[] }>(await api.get(`/api/v1/tasks/${taskId}/attempts`));
    expect(again.data.every((a) => a.mergedAt === null)).toBe(true);
  });

  test("a failed attempt with commits asks for confirmation before it merges", async ({ page }) => {
    const { api, taskId, attemptId } = await failedAttempt(page, "merge-failed", "echo half > half.txt; exit 1");
    await page.goto(`/board?task=${taskId}`);
    const panel = page.getByRole("complementary", { name: "Task details" });
    const merge = panel.getByRole("button", { name: "Merge", exact: true });
    await waitForHydration(merge);
    await expect(panel.getByRole("button", { name: "Retry" })).toHaveClass(/bg-indigo-600/);
    await merge.click();
    const confirm = panel.getByRole("group", { name: "Confirm merging an unfinished attempt" });
    await expect(confirm).toContainText("This attempt failed. Merge its commits anyway?");
    await confirm.getByRole("button", { name: "Don't merge" }).click();
    expect((await ok<Attempt>(await api.get(`/api/v1/attempts/${attemptId}`))).mergedAt).toBeNull();

    await merge.click();
    await confirm.getByRole("button", { name: "Merge anyway" }).click();
    await expect(panel.getByText(/^Merged/).first()).toBeVisible();
    expect((await ok<Attempt>(await api.get(`/api/v1/attempts/${attemptId}`))).mergedAt).not.toBeNull();
  });
});
