import { expect, test, type Page } from "@playwright/test";
import { ok, waitFor } from "./support/pipeline";
import { ADMIN_STATE } from "./support/env";
import { sessionApi } from "./support/session-api";
import { waitForHydration } from "./support/workspace";

/*
 * Every main page fits its screen: on a 390×844 touch phone and a 1400×900
 * laptop no page is wider than the viewport (wide tables scroll inside their
 * own box), and the board's task panel has its controls in view. Runs as the
 * admin so the admin console's pages are measured too, with a project, an
 * agent, a task, a run and a token in place so the tables have rows.
 */

test.use({ storageState: ADMIN_STATE });

type Made = { projectId: string; agentId: string; taskId: string; runId: string; ideaId: string };

async function makeContent(page: Page): Promise<Made> {
  const api = sessionApi(page);
  const suffix = Math.random().toString(36).slice(2, 8);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: `Responsive project with a long name ${suffix}` } }), 201);
  const agent = await ok<{ id: string }>(
    await api.post("/api/v1/agents", { data: { name: `Responsive agent ${suffix}`, type: "development", executor: "script", defaultTask: "echo hi" } }),
    201,
  );
  const task = await ok<{ id: string }>(
    await api.post("/api/v1/tasks", { data: { projectId: project.id, title: `A task whose title is long enough to wrap on a phone ${suffix}`, description: "Details.", type: "feature" } }),
    201,
  );
  const run = await ok<{ id: string }>(
    await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task: `echo ${"a-very-long-unbroken-word-".repeat(8)}` } }),
    201,
  );
  await waitFor<{ status: string }>(api, `/api/v1/runs/${run.id}`, (r) => r.status !== "queued" && r.status !== "running");
  const idea = await ok<{ id: string }>(await api.post("/api/v1/ideas", { data: { projectId: project.id, title: "An idea", description: "Some words." } }), 201);
  await page.goto("/settings/tokens");
  await waitForHydration(page.getByLabel("Token name"));
  await page.getByLabel("Token name").fill(`phone token ${suffix}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Your new token")).toBeVisible();
  return { projectId: project.id, agentId: agent.id, taskId: task.id, runId: run.id, ideaId: idea.id };
}

function mainPages(m: Made) {
  return [
    "/dashboard",
    "/projects",
    `/projects/${m.projectId}`,
    "/agents",
    `/agents/${m.agentId}`,
    "/runs",
    `/runs/${m.runId}`,
    "/board",
    "/board/tags",
    "/ideas",
    "/links",
    `/ideas/${m.ideaId}`,
    "/usage",
    "/trash",
    "/billing",
    "/settings",
    "/settings/tokens",
    "/settings/providers",
    "/admin",
    "/admin/users",
    "/admin/jobs",
    "/admin/models",
    "/admin/usage",
    "/admin/audit",
    "/admin/security",
    "/admin/settings",
  ];
}

/**
 * Pages whose document is wider than the window, with their widths. A mobile
 * browser widens its layout viewport (innerWidth) to fit content that
 * overflows, so innerWidth is held to the device's width as well.
 */
async function overflowing(page: Page, paths: string[]) {
  const deviceWidth = page.viewportSize()!.width;
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("load");
    const { scrollWidth, innerWidth, culprits } = await page.evaluate((limit) => {
      // The outermost elements reaching past the window, to say what to fix.
      // Not counting what a box that scrolls or clips holds.
      // (An absolutely placed element, such as screen-reader-only text, escapes the clipping of boxes that are not positioned.)
      const clipped = (el: Element) => {
        let absolute = getComputedStyle(el).position === "absolute";
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (!absolute && style.overflowX !== "visible") return true;
          if (style.position !== "static") absolute = false;
        }
        return false;
      };
      const past = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > limit + 1 && !clipped(el));
      const outermost = past.filter((el) => !past.includes(el.parentElement!));
      const name = (el: Element) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")}`;
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits: outermost.slice(0, 3).map(name) };
    }, deviceWidth);
    if (scrollWidth > innerWidth || innerWidth > deviceWidth) wide.push(`${path}: ${scrollWidth}px in ${innerWidth}px (${culprits.join(", ")})`);
  }
  return wide;
}

/** The task panel's heading, close link and first controls sit inside the window, and the close link works. */
async function panelInView(page: Page, taskId: string) {
  await page.goto(`/board?task=${taskId}`);
  const panel = page.getByRole("complementary", { name: "Task details" });
  const close = panel.getByRole("link", { name: "Close task panel" });
  for (const control of [close, panel.getByRole("heading", { level: 2 }).first(), panel.getByRole("button", { name: "Edit task details" })]) {
    await expect(control).toBeInViewport({ ratio: 1 });
  }
  const box = await panel.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  await close.click();
  await expect(panel).toHaveCount(0);
}

for (const device of [
  { name: "a 390×844 touch phone", viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  { name: "a 1400×900 laptop", viewport: { width: 1400, height: 900 }, hasTouch: false, isMobile: false },
]) {
  test.describe(`on ${device.name}`, () => {
    test.use({ viewport: device.viewport, hasTouch: device.hasTouch, isMobile: device.isMobile });

    test("no main page is wider than the screen, and the task panel's controls are in view", async ({ page }) => {
      test.setTimeout(120_000);
      const made = await makeContent(page);
      expect(await overflowing(page, mainPages(made))).toEqual([]);
      await panelInView(page, made.taskId);
      if (!device.isMobile) {
        // The board is the page: all six columns, Done and Cancelled too, fit a laptop's width.
        await page.goto("/board");
        for (const name of ["Queued", "In progress", "Review", "Blocked", "Done", "Cancelled"])
          await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${name} \\d+ tasks?$`) })).toBeInViewport({ ratio: 1 });
      }
    });
  });
}
