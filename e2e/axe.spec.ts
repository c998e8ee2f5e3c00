import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ADMIN_STATE } from "./support/env";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { waitForHydration } from "./support/workspace";

/*
 * Every main page passes axe-core (all its WCAG A/AA rules, not only contrast)
 * with no serious or critical violation, in the light and the dark theme: the
 * board with a task open, a run with its log, a "New …" dialog open; then
 * the admin console as the admin (who makes no content here: the admin's
 * plan limits belong to the other specs).
 */

test.use({ viewport: { width: 1400, height: 900 } });

type Made = { projectId: string; agentId: string; taskId: string; runId: string; ideaId: string };

async function makeContent(page: Page): Promise<Made> {
  const api = sessionApi(page);
  const suffix = Math.random().toString(36).slice(2, 8);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: `Axe project ${suffix}` } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: `Axe agent ${suffix}`, executor: "script", defaultTask: "echo hi" } }), 201);
  const task = await ok<{ id: string }>(
    await api.post("/api/v1/tasks", { data: { projectId: project.id, title: `Axe task ${suffix}`, description: "Some **bold** words.", type: "bugfix", priority: 3 } }),
    201,
  );
  const run = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task: "echo one; echo two >&2" } }), 201);
  await waitFor<{ status: string }>(api, `/api/v1/runs/${run.id}`, (r) => r.status !== "queued" && r.status !== "running");
  const idea = await ok<{ id: string }>(await api.post("/api/v1/ideas", { data: { projectId: project.id, title: "An idea", description: "Words." } }), 201);
  return { projectId: project.id, agentId: agent.id, taskId: task.id, runId: run.id, ideaId: idea.id };
}

const pages = (m: Made) => [
  "/dashboard",
  "/projects",
  `/projects/${m.projectId}`,
  "/agents",
  `/agents/${m.agentId}`,
  "/chat",
  "/runs",
  `/runs/${m.runId}`,
  "/board",
  `/board?task=${m.taskId}`,
  "/board/tags",
  "/ideas",
  `/ideas/${m.ideaId}`,
  "/usage",
  "/billing",
  "/settings",
  "/settings/tokens",
];
const ADMIN_PAGES = ["/admin", "/admin/users", "/admin/jobs", "/admin/models", "/admin/usage", "/admin/audit", "/admin/settings"];

/** Serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${where} [${v.id}] ${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`));
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe-core finds no serious or critical violation on the main pages, ${scheme} theme`, async ({ page }) => {
    test.setTimeout(180_000);
    await signUp(page, newAccount(`axe-${scheme}`));
    const made = await makeContent(page);
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const path of pages(made)) {
      await page.goto(path);
      await page.waitForLoadState("load");
      if (path.startsWith("/runs/")) await expect(page.locator("[data-run-stream]")).toHaveAttribute("data-run-stream", "ended");
      found.push(...(await violations(page, path)));
    }
    // A "New …" dialog and a card's menu, open.
    await page.goto("/agents");
    const opener = page.getByRole("button", { name: "New agent" });
    await waitForHydration(opener);
    await opener.click();
    await expect(page.getByRole("dialog")).toBeVisible();
    found.push(...(await violations(page, "/agents (New agent dialog)")));
    expect(found).toEqual([]);
  });

  test.describe(`the admin console, ${scheme} theme`, () => {
    test.use({ storageState: ADMIN_STATE });
    test(`axe-core finds no serious or critical violation on the admin pages, ${scheme} theme`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const path of ADMIN_PAGES) {
        await page.goto(path);
        await page.waitForLoadState("load");
        found.push(...(await violations(page, path)));
      }
      expect(found).toEqual([]);
    });
  });
}
