import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { startDroppingProxy } from "./support/dropping-proxy";
import {
  createProject,
  createProjectAndAgentViaApi,
  createScriptAgent,
  gatedCount,
  numberedLines,
  openGate,
  projectFolder,
  runPage,
  startRun,
  openDialog,
  startRunForm,
  RETRY,
  waitForHydration,
  waitForLogLine,
} from "./support/workspace";

/*
 * Runs of a `script` agent (the task is a bash command, no model or key
 * needed), started from /runs and watched on /runs/<id> as they stream.
 */

/**
 * A new user with one project and one script agent, signed in on `page`:
 * made through the forms (`via: "ui"`), or quicker through the API with the
 * same session when the test is about something else.
 */
async function userWithAgent(page: Page, label: string, options: { defaultTask?: string; via?: "ui" | "api" } = {}) {
  const account = newAccount(label);
  await signUp(page, account);
  const project = `Sandbox ${account.name}`;
  const agent = `Shell ${account.name}`;
  let projectId: string;
  if (options.via === "ui") {
    projectId = await createProject(page, project);
    await createScriptAgent(page, { name: agent, defaultTask: options.defaultTask });
  } else {
    ({ projectId } = await createProjectAndAgentViaApi(page, { project, agent, defaultTask: options.defaultTask }));
  }
  return { account, project, projectId, agent };
}

/** The run's whole log as plain text, read with the page's own session. */
async function textLog(page: Page, runId: string): Promise<string> {
  const response = await page.request.get(`/api/v1/runs/${runId}/log?format=text`, RETRY);
  expect(response.status()).toBe(200);
  return response.text();
}

test.describe("runs", () => {
  test("a script run streams its lines into the page while it runs, then completes", async ({ page }) => {
    // 30 numbered lines; after line 10 the script holds until the test opens the gate.
    const task = gatedCount(30, 10, 0.05);
    const { agent, project, projectId } = await userWithAgent(page, "watcher", { defaultTask: task, via: "ui" });
    const folder = await projectFolder(page, projectId);

    // The task starts as the agent's default task.
    await page.goto("/runs");
    await openDialog(page, "New run");
    const form = startRunForm(page);
    await expect(form.agent.locator("option:checked")).toHaveText(agent);
    await expect(form.project.locator("option:checked")).toHaveText(project);
    await expect(form.task).toHaveValue(task);
    await waitForHydration(form.task);
    await form.submit.click();
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").pop()!;
    // The page is titled with the task's first line, shortened to 80 characters.
    const title = `${task.slice(0, 79).trimEnd()}…`;
    await expect(page.getByRole("heading", { name: title, level: 1 })).toHaveText(title);

    // Lines arrive while the run is still going: the first ten are on the page, the badge says Running.
    const run = runPage(page);
    await waitForLogLine(page, "line 10");
    await expect(run.status).toHaveText("Running");
    await expect(run.stream).toHaveAttribute("data-run-stream", "open");
    expect(await run.renderedLines()).toEqual(numberedLines(10));
    openGate(folder);

    await expect(run.status).toHaveText("Completed", { timeout: 15_000 });
    await expect(page.getByText("exit code 0")).toBeVisible();
    await expect(run.stream).toHaveAttribute("data-run-stream", "ended");
    // The list follows the end: the last line is in view, and every line is there once, in order.
    await expect(run.log.getByText("line 30", { exact: true })).toBeInViewport();
    expect(await run.renderedLines()).toEqual(numberedLines(30));

    // "Download log" saves the same lines as plain text.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download log" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`run-${runId}.log`);
    expect(fs.readFileSync((await download.path())!, "utf8")).toBe(numberedLines(30).join("\n") + "\n");

    // The JSON lines log has each line once, in order, then the final status.
    const ndjson = await page.request.get((await page.getByRole("link", { name: "JSON lines" }).getAttribute("href"))!, RETRY);
    const events = (await ndjson.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { seq: number; event: string; data: { text?: string; status?: string } });
    expect(events.filter((e) => e.event === "log").map((e) => e.data.text)).toEqual(numberedLines(30));
    expect(events.filter((e) => e.event === "status").map((e) => e.data.status)).toEqual(["queued", "running", "completed"]);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));

    // The runs list shows it finished.
    await page.goto("/runs");
    // The list shows the same short title, and where the run came from.
    const link = page.getByRole("link", { name: title, exact: true });
    const row = page.getByRole("table", { name: "Runs, newest first" }).getByRole("row").filter({ has: link });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Completed");
    await expect(row).toContainText(agent);
    await expect(row).toContainText("Manual");
    await expect(link).toHaveAttribute("href", `/runs/${runId}`);
  });

  test("Cancel run stops a running script at once; its later output never comes", async ({ page }) => {
    await userWithAgent(page, "canceller");
    const runId = await startRun(page, "echo started; sleep 60; echo never");
    const run = runPage(page);
    await expect(run.log.getByText("started", { exact: true })).toBeVisible();
    await expect(run.status).toHaveText("Running");

    await page.getByRole("button", { name: "Cancel run" }).click();
    await expect(run.status).toHaveText("Cancelled", { timeout: 5_000 });
    await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    expect(await run.renderedLines()).toEqual(["started"]);
    expect(await textLog(page, runId)).toBe("started\n");

    const api = await page.request.get(`/api/v1/runs/${runId}`, RETRY);
    expect(await api.json()).toMatchObject({ status: "cancelled" });
  });

  test("Retry on a finished run starts the same task as a new run, which completes", async ({ page }) => {
    await userWithAgent(page, "retrier");
    const task = 'echo "attempt at $(date +%s%N)"; echo done';
    const firstId = await startRun(page, task);
    const run = runPage(page);
    await expect(run.status).toHaveText("Completed", { timeout: 15_000 });

    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/runs/${firstId}$`));
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const secondId = page.url().split("/").pop()!;
    expect(secondId).not.toBe(firstId);
    await expect(page.getByRole("heading", { name: task, level: 1 })).toBeVisible();
    await expect(run.status).toHaveText("Completed", { timeout: 15_000 });
    await expect(page.getByText("exit code 0")).toBeVisible();
    await expect(run.log.getByText("done", { exact: true })).toBeVisible();

    const second = await (await page.request.get(`/api/v1/runs/${secondId}`, RETRY)).json();
    expect(second).toMatchObject({ task, status: "completed", exitCode: 0 });
    // Both runs are in the history.
    await page.goto("/runs");
    await expect(page.getByRole("table", { name: "Runs, newest first" }).getByRole("link", { name: task.split("\n")[0]! })).toHaveCount(2);
  });

  test("after the connection drops mid-run, the page catches up with every line exactly once", async ({ browser }) => {
    // This test's browser reaches the server through a proxy that can cut the live stream.
    const proxy = await startDroppingProxy();
    const context = await browser.newContext({ proxy: { server: proxy.server } });
    try {
      const page = await context.newPage();
      const { projectId } = await userWithAgent(page, "commuter");
      const folder = await projectFolder(page, projectId);
      const runId = await startRun(page, gatedCount(50, 5, 0.1));
      const run = runPage(page);
      await waitForLogLine(page, "line 5");
      await expect(run.status).toHaveText("Running");

      // The connection drops, and the network stays down for a while: reconnecting fails meanwhile.
      await context.setOffline(true);
      expect(proxy.dropAll()).toBeGreaterThan(0);
      await expect(run.stream).toHaveAttribute("data-run-stream", "reconnecting");
      await expect(page.getByText("Connection lost — reconnecting…")).toBeVisible();
      expect(await run.renderedLines()).toEqual(numberedLines(5));
      // The run goes on printing while the page is cut off: let 10 more lines pass it by.
      openGate(folder);
      await expect
        .poll(async () => (await textLog(page, runId)).split("\n").length - 1, { timeout: 10_000, intervals: [100] })
        .toBeGreaterThanOrEqual(15);
      expect(await run.renderedLines()).toEqual(numberedLines(5));
      await context.setOffline(false);

      await expect(run.status).toHaveText("Completed", { timeout: 20_000 });
      await expect(run.stream).toHaveAttribute("data-run-stream", "ended");
      await expect(page.getByText("Connection lost — reconnecting…")).toHaveCount(0);
      expect(await textLog(page, runId)).toBe(numberedLines(50).join("\n") + "\n");
      // Every line once, in order (all 50 fit in the list's rendered window): none lost in the gap, none repeated by the resume.
      expect(await run.renderedLines()).toEqual(numberedLines(50));
    } finally {
      await context.close();
      await proxy.close();
    }
  });

  test("another user's run is a 404, on the page and in the API", async ({ page, browser }) => {
    await userWithAgent(page, "owner");
    const runId = await startRun(page, "echo private");
    await expect(runPage(page).status).toHaveText("Completed", { timeout: 15_000 });

    const other = await browser.newContext();
    try {
      const stranger = await other.newPage();
      await signUp(stranger, newAccount("stranger"));
      const response = await stranger.goto(`/runs/${runId}`);
      expect(response?.status()).toBe(404);
      await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(stranger.getByText("private")).toHaveCount(0);

      for (const url of [`/api/v1/runs/${runId}`, `/api/v1/runs/${runId}/log`, `/api/runs/${runId}/events`]) {
        const api = await stranger.request.get(url, RETRY);
        expect(api.status(), url).toBe(404);
        expect(await api.json(), url).toMatchObject({ error: { code: "not_found" } });
      }
    } finally {
      await other.close();
    }
  });

  test("an empty task is refused with a message beside the field, and no run is created", async ({ page }) => {
    await userWithAgent(page, "blank");
    await page.goto("/runs");
    await openDialog(page, "New run");
    const form = startRunForm(page);
    await waitForHydration(form.task);

    // Empty: the browser's own check stops the form (the field is required).
    await form.task.fill("");
    await form.submit.click();
    expect(await form.task.evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);
    await expect(page).toHaveURL(/\/runs$/);

    // Only spaces: the server says why, beside the field.
    await form.task.fill("   ");
    await form.submit.click();
    await expect(form.card.getByRole("alert")).toHaveText("Please check the highlighted fields.");
    await expect(form.task).toHaveAttribute("aria-invalid", "true");
    await expect(form.task).toHaveAccessibleDescription("This field is required.");
    await expect(page).toHaveURL(/\/runs$/);

    await page.reload();
    await expect(page.getByRole("heading", { name: "No runs yet" })).toBeVisible();
    const runs = await (await page.request.get("/api/v1/runs", RETRY)).json();
    expect(runs).toMatchObject({ data: [] });
  });
});
