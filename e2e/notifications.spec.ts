import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { sessionApi } from "./support/session-api";
import { createProjectAndAgentViaApi } from "./support/workspace";

test.describe("notifications", () => {
  test("a run started in one tab ends, and the other tab's bell says so; following it opens the run and mark all read clears the count", async ({ page, context }) => {
    await signUp(page, newAccount("bell"));
    const { projectId, agentId } = await createProjectAndAgentViaApi(page, { project: "Bell project", agent: "Bell agent" });
    await page.goto("/dashboard");
    const bell = page.getByRole("button", { name: "Notifications", exact: true });
    await expect(bell).toBeVisible();

    // Another tab starts a run (through the API, as the /runs form would) and stays there.
    const other = await context.newPage();
    await other.goto("/runs");
    const started = await sessionApi(other).post("/api/v1/runs", { data: { agentId, projectId, task: "echo from the other tab" } });
    expect(started.status(), await started.text()).toBe(201);
    const runId = ((await started.json()) as { id: string }).id;

    // The first tab learns it within seconds, without a reload.
    const unread = page.getByRole("button", { name: "Notifications, 1 unread" });
    await expect(unread).toBeVisible({ timeout: 20_000 });
    await expect(other.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible({ timeout: 10_000 });
    await unread.click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await expect(panel.getByRole("link", { name: "Run finished (Bell agent): echo from the other tab" })).toHaveAttribute("href", `/runs/${runId}`);
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
    // The other tab's bell catches up with the read mark too.
    await expect(other.getByRole("button", { name: "Notifications", exact: true })).toBeVisible({ timeout: 10_000 });
  });
});
