import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "./env";
import { sessionApi } from "./session-api";

/*
 * Projects, agents and runs for one test's user. The forms are driven the way
 * a person uses them (e2e/projects.spec.ts and e2e/agents.spec.ts check those
 * forms themselves); the run specs use the same helpers to get set up.
 */

/**
 * For GETs made with a context's request API: Node's client may reuse a
 * keep-alive socket just as the server closes it after 5 s idle, which shows
 * up as a one-off ECONNRESET; Playwright retries exactly that error.
 */
export const RETRY = { maxRetries: 2 } as const;

/**
 * Waits until React has hydrated `element` (it then carries React's own
 * properties). Needed before typing into a controlled field or relying on
 * validation-as-you-type: before hydration the page is plain HTML.
 */
export async function waitForHydration(element: Locator) {
  await expect
    .poll(() => element.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$"))), {
      message: "React hydrated the page",
      timeout: 20_000,
    })
    .toBe(true);
}

/** The last path segment of the page's URL once it matches `/<area>/<id>`. */
async function idFromUrl(page: Page, area: string): Promise<string> {
  const pattern = new RegExp(`/${area}/([0-9a-f-]{36})$`);
  await expect(page).toHaveURL(pattern);
  return pattern.exec(page.url())![1]!;
}

/** Creates a project (a new git workspace) through /projects; returns its id from the page it lands on. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects");
  await openDialog(page, "New project");
  await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  const id = await idFromUrl(page, "projects");
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return id;
}

/** Creates a `script` agent through /agents; returns its id from the page it lands on. */
export async function createScriptAgent(page: Page, agent: { name: string; defaultTask?: string }): Promise<string> {
  await page.goto("/agents");
  await openDialog(page, "New agent");
  const name = page.getByRole("dialog").getByLabel("Name", { exact: true });
  await name.fill(agent.name);
  await page.getByLabel("Executor").selectOption("script");
  // A script agent's default task is its script.
  if (agent.defaultTask !== undefined) await page.getByLabel("Script", { exact: true }).fill(agent.defaultTask);
  await page.getByRole("button", { name: "Create agent" }).click();
  const id = await idFromUrl(page, "agents");
  await expect(page.getByRole("heading", { name: agent.name, level: 1 })).toBeVisible();
  return id;
}

/**
 * Starts a run through the "Start a run" dialog on /runs (the first agent and
 * project unless named) and returns the new run's id from /runs/<id>.
 */
export async function startRun(page: Page, task: string, pick: { agent?: string; project?: string } = {}): Promise<string> {
  await page.goto("/runs");
  await openDialog(page, "New run");
  const form = startRunForm(page);
  await waitForHydration(form.task);
  if (pick.agent) await form.agent.selectOption({ label: pick.agent });
  if (pick.project) await form.project.selectOption({ label: pick.project });
  await form.task.fill(task);
  await form.submit.click();
  return idFromUrl(page, "runs");
}

/**
 * Clicks a page's "New …" button (once React has hydrated it) and waits for
 * the dialog it opens.
 */
export async function openDialog(page: Page, button: string) {
  const opener = page.getByRole("button", { name: button, exact: true });
  await waitForHydration(opener);
  await opener.click();
  await expect(page.getByRole("dialog")).toBeVisible();
}

/** The "Start a run" dialog on /runs, opened with "New run" (the run filters have their own Agent and Project selects). */
export function startRunForm(page: Page) {
  const card = page.getByRole("dialog", { name: "Start a run" });
  return {
    card,
    agent: card.getByLabel("Agent", { exact: true }),
    project: card.getByLabel("Project", { exact: true }),
    // A script agent's task is its script.
    task: card.getByLabel(/^(Task|Script)$/),
    submit: card.getByRole("button", { name: "Start run" }),
  };
}

/** The pieces of the run page (/runs/<id>) the specs look at. */
export function runPage(page: Page) {
  const log = page.getByRole("log", { name: "Run output" });
  return {
    /** The live status badge ("Running", "Completed", ...), inside the first status region (the exit code sits beside it). */
    status: page.getByRole("status").first().locator("span").first(),
    /** The status region: the badge and, once finished, "exit code N". */
    statusRegion: page.getByRole("status").first(),
    log,
    /** The element carrying data-run-stream (connecting, open, reconnecting, ended, failed). */
    stream: page.locator("[data-run-stream]"),
    /** The output lines rendered right now, in order (status changes left out). */
    renderedLines: () =>
      log.locator("[data-seq]").evaluateAll((rows) =>
        rows
          .map((row) => ({ seq: Number((row as HTMLElement).dataset.seq), text: (row.textContent ?? "").trim() }))
          .filter((row) => !row.text.startsWith("— Status:"))
          .sort((a, b) => a.seq - b.seq)
          .map((row) => row.text),
      ),
  };
}

/** `["line 1", ..., "line n"]`. */
export function numberedLines(n: number, prefix = "line"): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
}

/**
 * The same project and script agent as createProject/createScriptAgent, made
 * through /api/v1 with the page's session cookie: quicker set-up for specs
 * whose subject is something else (the forms have their own specs).
 */
export async function createProjectAndAgentViaApi(page: Page, names: { project: string; agent: string; defaultTask?: string }) {
  const project = await sessionApi(page).post("/api/v1/projects", { data: { name: names.project } });
  expect(project.status(), await project.text()).toBe(201);
  const agent = await sessionApi(page).post("/api/v1/agents", {
    data: { name: names.agent, executor: "script", defaultTask: names.defaultTask ?? null },
  });
  expect(agent.status(), await agent.text()).toBe(201);
  return { projectId: ((await project.json()) as { id: string }).id, agentId: ((await agent.json()) as { id: string }).id };
}

/**
 * A bash task that prints `line 1` … `line n`, one every `every` seconds, and
 * after `line holdAt` waits (up to 20 s) until the file `go` appears in the
 * project folder: while it waits the run is certainly still running, however
 * slow the machine is, so a test can look at the page at that moment and then
 * let it go on with openGate().
 */
export function gatedCount(n: number, holdAt: number, every: number): string {
  return (
    `for i in $(seq 1 ${n}); do echo "line $i"; ` +
    `if [ $i = ${holdAt} ]; then for t in $(seq 1 400); do [ -e go ] && break; sleep 0.05; done; fi; ` +
    `sleep ${every}; done`
  );
}

/** The project's folder on the server (the end-to-end server runs on this machine). */
/**
 * Where the app made a project's workspace on disk. Users other than admins see
 * only "." as its path (no absolute server path leaves the server), so the
 * test, which shares the machine, looks under the DATA_DIR it gave the app.
 */
export async function projectFolder(page: Page, projectId: string): Promise<string> {
  const response = await page.request.get(`/api/v1/projects/${projectId}`, RETRY);
  expect(response.status()).toBe(200);
  const shown = (await response.json()) as { path: string };
  const folder = path.isAbsolute(shown.path) ? shown.path : path.join(E2E_DATA_DIR, "workspaces", projectId);
  expect(fs.existsSync(folder), folder).toBe(true);
  return folder;
}

/** Lets a gatedCount() task in `folder` go on. */
export function openGate(folder: string) {
  fs.writeFileSync(path.join(folder, "go"), "");
}

/** Resolves once the run page's log shows a line with exactly `text` (checked every frame). */
export async function waitForLogLine(page: Page, text: string, timeout = 15_000) {
  await page.waitForFunction(
    (wanted) => Array.from(document.querySelectorAll('[role="log"] [data-seq]'), (row) => row.textContent?.trim()).includes(wanted),
    text,
    { polling: "raf", timeout },
  );
}
