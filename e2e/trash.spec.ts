import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { sessionApi } from "./support/session-api";
import { createProjectAndAgentViaApi, RETRY, waitForHydration } from "./support/workspace";

/*
 * The trash (/trash): deleting a project, agent, task or conversation moves it there,
 * and Restore brings it back with everything under it; Delete forever does not.
 */

/** A finished `script` run in the project, through the API, with `text` in its log. */
async function finishedRun(page: Page, agentId: string, projectId: string, text: string): Promise<string> {
  const created = await sessionApi(page).post("/api/v1/runs", { data: { agentId, projectId, task: `echo ${text}` } });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/runs/${id}`, RETRY)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("completed");
  return id;
}

/** Confirms the in-place delete question that `opener` opens. */
async function deleteWith(page: Page, opener: string, confirm: string) {
  const button = page.getByRole("button", { name: opener });
  await waitForHydration(button);
  await button.click();
  await page.getByRole("button", { name: confirm, exact: true }).click();
}

/** The /trash row of `name`. */
const trashRow = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

async function restoreFromTrash(page: Page, name: string) {
  await page.goto("/trash");
  const restore = page.getByRole("button", { name: `Restore ${name}` });
  await waitForHydration(restore);
  await restore.click();
  await expect(page.getByRole("status").filter({ hasText: `“${name}” is back.` })).toBeVisible();
  await expect(trashRow(page, name)).toHaveCount(0);
}

test.describe("the trash", () => {
  test("a deleted project, agent, task and conversation each wait in /trash, and Restore brings each back with what hangs under it", async ({ page }) => {
    const account = newAccount("trash");
    await signUp(page, account);
    const names = { project: `Garden ${account.name}`, agent: `Gardener ${account.name}` };
    const { projectId, agentId } = await createProjectAndAgentViaApi(page, names);
    const runId = await finishedRun(page, agentId, projectId, "tomatoes-are-red");
    const task = await sessionApi(page).post("/api/v1/tasks", { data: { projectId, title: "Water the plants", type: "chore" } });
    expect(task.status()).toBe(201);
    const taskId = ((await task.json()) as { id: string }).id;
    const conversation = await sessionApi(page).post("/api/v1/conversations", { data: { agentId, projectId, title: "Weekend plans" } });
    expect(conversation.status()).toBe(201);
    const conversationId = ((await conversation.json()) as { id: string }).id;

    // The project: its run, task and conversation go out of sight with it.
    await page.goto(`/projects/${projectId}`);
    await deleteWith(page, "Delete project", "Delete");
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByText(names.project)).toHaveCount(0);
    await page.goto(`/runs/${runId}`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await page.goto("/board");
    await expect(page.getByRole("link", { name: "Open Water the plants" })).toHaveCount(0);
    await page.goto("/trash");
    await expect(trashRow(page, names.project)).toContainText("Project");
    await expect(trashRow(page, "Water the plants")).toHaveCount(0); // part of the project's entry
    await restoreFromTrash(page, names.project);
    await page.goto(`/runs/${runId}`);
    await expect(page.getByRole("log", { name: "Run output" })).toContainText("tomatoes-are-red");
    await page.goto("/board");
    await expect(page.getByRole("link", { name: "Open Water the plants" })).toBeVisible();

    // The conversation, from its page.
    await page.goto(`/chat/${conversationId}`);
    await deleteWith(page, "Delete conversation", "Move to trash");
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByRole("link", { name: "Weekend plans" })).toHaveCount(0);
    await page.goto(`/chat/${conversationId}`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await restoreFromTrash(page, "Weekend plans");
    await page.getByRole("link", { name: "Open it" }).click();
    await expect(page).toHaveURL(new RegExp(`/chat/${conversationId}$`));
    await expect(page.getByRole("heading", { name: "Weekend plans", level: 1 })).toBeVisible();

    // The task, deleted through the API.
    expect((await sessionApi(page).delete(`/api/v1/tasks/${taskId}`)).status()).toBe(204);
    await page.goto("/board");
    await expect(page.getByRole("link", { name: "Open Water the plants" })).toHaveCount(0);
    await restoreFromTrash(page, "Water the plants");
    await page.goto("/board");
    await expect(page.getByRole("link", { name: "Open Water the plants" })).toBeVisible();

    // The agent, then Delete forever: gone from the trash and for good.
    await page.goto(`/agents/${agentId}`);
    await deleteWith(page, "Delete agent", "Delete");
    await expect(page).toHaveURL(/\/agents$/);
    await page.goto("/trash");
    await expect(trashRow(page, names.agent)).toContainText("Agent");
    const forever = page.getByRole("button", { name: `Delete ${names.agent} forever` });
    await waitForHydration(forever);
    await forever.click();
    await page.getByRole("button", { name: "Delete forever", exact: true }).click();
    await expect(trashRow(page, names.agent)).toHaveCount(0);
    expect((await page.request.get(`/api/v1/agents/${agentId}`, RETRY)).status()).toBe(404);
    expect((await sessionApi(page).post(`/api/v1/trash/agent/${agentId}/restore`)).status()).toBe(404);
    // The run that used it keeps its history.
    await page.goto(`/runs/${runId}`);
    await expect(page.getByRole("log", { name: "Run output" })).toContainText("tomatoes-are-red");
  });

  test("another user sees nothing of your trash and cannot restore from it", async ({ page, browser }) => {
    await signUp(page, newAccount("trashowner"));
    const { projectId } = await createProjectAndAgentViaApi(page, { project: "Secret garden", agent: "Secret gardener" });
    expect((await sessionApi(page).delete(`/api/v1/projects/${projectId}`)).status()).toBe(204);

    const context = await browser.newContext();
    const other = await context.newPage();
    await signUp(other, newAccount("trashpeek"));
    await other.goto("/trash");
    await expect(other.getByRole("heading", { name: "The trash is empty" })).toBeVisible();
    expect(((await (await other.request.get("/api/v1/trash", RETRY)).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await sessionApi(other).post(`/api/v1/trash/project/${projectId}/restore`)).status()).toBe(404);
    await context.close();

    await page.goto("/trash");
    await expect(trashRow(page, "Secret garden")).toBeVisible();
  });
});
