import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";

/*
 * The pictures in docs/screenshots, taken from a real server with real runs
 * (script agents). Off unless E2E_SCREENSHOTS=1:
 *   E2E_SCREENSHOTS=1 bash scripts/e2e.sh e2e/screenshots.spec.ts
 */

test.skip(!process.env.E2E_SCREENSHOTS, "E2E_SCREENSHOTS=1 takes the docs' screenshots");

const out = (name: string) => path.join(__dirname, "..", "docs", "screenshots", name);

async function content(page: Page) {
  await signUp(page, newAccount("screens"));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "greeter" } }), 201);
  await ok(await api.patch(`/api/v1/projects/${project.id}`, { data: { config: { setupScript: "echo installing dependencies" } } }));
  const coder = await ok<{ id: string }>(
    await api.post("/api/v1/agents", {
      data: { name: "Coder", type: "development", executor: "script", defaultTask: 'echo "hello, world" > greeting.txt; echo "wrote greeting.txt"; echo "ran 3 tests: ok"' },
    }),
    201,
  );
  const shell = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: "Shell", type: "development", executor: "script" } }), 201);
  const task = await ok<{ id: string }>(
    await api.post("/api/v1/tasks", { data: { projectId: project.id, title: "Greet visitors on the home page", description: "Print a friendly greeting.", type: "feature", priority: 2 } }),
    201,
  );
  for (const [title, type] of [["Fix the flaky sign-in test", "bugfix"], ["Tidy the README", "chore"]] as const) {
    await ok(await api.post("/api/v1/tasks", { data: { projectId: project.id, title, description: "", type } }), 201);
  }
  const attempt = await ok<{ id: string }>(await api.post(`/api/v1/tasks/${task.id}/attempts`, { data: { agentId: coder.id } }), 201);
  await waitFor<{ status: string }>(api, `/api/v1/attempts/${attempt.id}`, (a) => a.status === "completed");
  const run = await ok<{ id: string }>(
    await api.post("/api/v1/runs", { data: { agentId: shell.id, projectId: project.id, task: "# Check every step of the build\nfor i in $(seq 1 40); do printf 'step %s: \\033[32mok\\033[0m\\n' $i; done\necho done" } }),
    201,
  );
  await waitFor<{ status: string }>(api, `/api/v1/runs/${run.id}`, (r) => r.status === "completed");
  return { projectId: project.id, taskId: task.id, attemptId: attempt.id, runId: run.id };
}

test.describe("laptop", () => {
  test.use({ viewport: { width: 1400, height: 900 } });
  test("dashboard, board with a task open, attempt page, run page", async ({ page }) => {
    test.setTimeout(120_000);
    const made = await content(page);
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Task attempt" }).first()).toBeVisible();
    await page.screenshot({ path: out("dashboard.png") });
    await page.goto(`/board?projectId=${made.projectId}`);
    await expect(page.getByRole("article", { name: "Greet visitors on the home page" })).toBeVisible();
    await page.screenshot({ path: out("board-columns.png") });
    await page.goto(`/board?projectId=${made.projectId}&task=${made.taskId}`);
    const panel = page.getByRole("complementary", { name: "Task details" });
    await expect(panel.getByText("wrote greeting.txt")).toBeVisible();
    await page.screenshot({ path: out("board.png") });
    await page.goto(`/board/attempts/${made.attemptId}`);
    await expect(page.getByText("wrote greeting.txt")).toBeVisible();
    await page.getByRole("heading", { name: /Files changed/ }).evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: out("attempt-diff.png") });
    await page.goto(`/runs/${made.runId}`);
    await expect(page.getByText("step 40: ok")).toBeVisible();
    await page.getByRole("searchbox", { name: "Search the log" }).fill("step 1");
    await expect(page.getByRole("status").filter({ hasText: /of 11$/ })).toBeVisible();
    await page.screenshot({ path: out("run-view.png") });
    await page.goto("/agents");
    await page.getByRole("button", { name: "New agent" }).click();
    await page.getByLabel("Executor").selectOption("script");
    await page.screenshot({ path: out("new-agent.png") });
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test("dashboard and the task sheet", async ({ page }) => {
    test.setTimeout(120_000);
    const made = await content(page);
    await page.goto("/dashboard");
    await page.screenshot({ path: out("dashboard-phone.png") });
    await page.goto(`/board?projectId=${made.projectId}`);
    await expect(page.getByRole("article", { name: "Greet visitors on the home page" })).toBeVisible();
    await page.screenshot({ path: out("board-columns-phone.png") });
    await page.goto(`/board?projectId=${made.projectId}&task=${made.taskId}`);
    await expect(page.getByRole("complementary", { name: "Task details" })).toBeVisible();
    await page.screenshot({ path: out("board-phone.png") });
    await page.goto(`/runs/${made.runId}`);
    await expect(page.getByText("step 40: ok")).toBeVisible();
    await page.screenshot({ path: out("run-view-phone.png") });
  });
});
