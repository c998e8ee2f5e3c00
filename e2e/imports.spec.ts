import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { buildOpcodeDb, buildVibeKanbanDb } from "../tests/fixtures/import-databases";
import { newAccount, signUp } from "./support/accounts";
import { E2E_OUTPUT_DIR } from "./support/env";
import { sessionApi } from "./support/session-api";
import { RETRY, waitForHydration } from "./support/workspace";

/*
 * Bringing data in, in the browser: opcode's agents.db and vibe-kanban's db.sqlite, built
 * from those tools' own schemas (tests/fixtures), uploaded on /import, followed to "Done",
 * then found where a user looks for them: /agents, /runs, a run's log, /board. This server has
 * no PROJECT_ROOTS, so every imported project is detached (its history, no folder).
 */

const dir = path.join(E2E_OUTPUT_DIR, "imports");

async function upload(page: Page, source: "opcode" | "vibe-kanban" | "claude-code", file: string) {
  await page.goto("/import");
  const submit = page.getByRole("button", { name: "Import", exact: true });
  await waitForHydration(submit);
  await page.getByLabel("From").selectOption(source);
  await page.getByLabel("File", { exact: true }).setInputFiles(file);
  await submit.click();
}

/** The newest import's card, once it has finished. */
async function newestImport(page: Page, status: "done" | "failed") {
  const card = page.getByRole("region", { name: "Your imports" }).locator("[data-import-status]").first();
  await expect(card).toHaveAttribute("data-import-status", status, { timeout: 20_000 });
  return card;
}

const reportRow = (card: ReturnType<Page["locator"]>, kind: string) => card.locator(`tr[data-kind="${kind}"]`);

test.beforeAll(() => fs.mkdirSync(dir, { recursive: true }));

test.describe("imports", () => {
  test("opcode agents.db: agents with their hooks on /agents, runs on /runs, a detached project; the same file again imports nothing twice", async ({ page }) => {
    const file = path.join(dir, `agents-${Date.now()}.db`);
    await buildOpcodeDb(file, { attached: "/home/ada/commit-bot", elsewhere: "/home/ada/scanner" });
    await signUp(page, newAccount("import-opcode"));
    await upload(page, "opcode", file);
    const card = await newestImport(page, "done");
    await expect(reportRow(card, "agents")).toContainText(/Agents\s*2\s*1/);
    await expect(reportRow(card, "runs")).toContainText(/Runs\s*3\s*1/);
    await expect(card).toContainText("Broken Hooks");
    await expect(card).toContainText("its agent was left out");

    await page.goto("/agents");
    await expect(page.getByRole("link", { name: "Git Commit Bot" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Security Scanner" })).toBeVisible();
    await page.getByRole("link", { name: "Git Commit Bot" }).click();
    await expect(page.getByRole("textbox", { name: /Hooks/ })).toHaveValue(/scripts\/check-command.sh/);

    await page.goto("/runs");
    const runRow = page.getByRole("row").filter({ hasText: "Commit the staged changes" });
    await expect(runRow).toBeVisible();
    await expect(runRow.getByText("Imported")).toBeVisible();
    await runRow.getByRole("link", { name: "Commit the staged changes" }).click();
    await expect(page.getByText(/Imported from opcode\. Its output is in Claude Code's session file/)).toBeVisible({ timeout: 15_000 });

    // The scanner's folder is not on this server: its project keeps the history and asks for a folder.
    await page.goto("/projects");
    await page.getByRole("link", { name: "scanner" }).click();
    await expect(page.getByRole("heading", { name: "No folder on this server" })).toBeVisible();
    await expect(page.getByText("/home/ada/scanner").first()).toBeVisible();

    await upload(page, "opcode", file);
    await expect(page.locator("[data-import-status]")).toHaveCount(2);
    const again = await newestImport(page, "done");
    await expect(reportRow(again, "agents")).toContainText(/Agents\s*0\s*3/);
    await expect(again).toContainText("already imported by an earlier import");
    const agents = (await (await sessionApi(page).get("/api/v1/agents", RETRY)).json()) as { data: unknown[] };
    expect(agents.data).toHaveLength(2);
  });

  test("vibe-kanban db.sqlite: tasks on /board in their columns, attempt runs with their logs; another user sees none of it", async ({ page, browser }) => {
    const file = path.join(dir, `db-${Date.now()}.sqlite`);
    await buildVibeKanbanDb(file, "/home/ada/todo-app");
    await signUp(page, newAccount("import-vk"));
    await upload(page, "vibe-kanban", file);
    const card = await newestImport(page, "done");
    await expect(reportRow(card, "tasks")).toContainText(/Tasks\s*6\s*0/);
    await expect(reportRow(card, "attempts")).toContainText(/Attempts\s*2\s*0/);
    await expect(card).toContainText("image files live in vibe-kanban's cache folder");

    await page.goto("/board");
    await expect(page.locator('[data-status="review"]')).toContainText("Add a login page");
    await expect(page.locator('[data-status="in_progress"]')).toContainText("Write the README");
    await expect(page.locator('[data-status="done"]')).toContainText("Set up CI");
    await expect(page.locator('[data-status="queued"]')).toContainText("Add dark mode");

    const api = sessionApi(page);
    const runs = (await (await api.get("/api/v1/runs", RETRY)).json()) as { data: Array<{ id: string; executor: string; task: string }> };
    const coding = runs.data.find((r) => r.executor === "claude-code")!;
    await page.goto(`/runs/${coding.id}`);
    await expect(page.getByText("I'll add a login page with email and password.")).toBeVisible({ timeout: 15_000 });
    const setup = runs.data.find((r) => r.task === "npm install")!;
    await page.goto(`/runs/${setup.id}`);
    await expect(page.getByText("added 42 packages, and audited 43 packages in 2s")).toBeVisible({ timeout: 15_000 });

    const imports = (await (await api.get("/api/v1/imports", RETRY)).json()) as { data: Array<{ id: string }> };
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signUp(otherPage, newAccount("import-other"));
    expect((await sessionApi(otherPage).get(`/api/v1/imports/${imports.data[0]!.id}`, RETRY)).status()).toBe(404);
    expect((await (await sessionApi(otherPage).get("/api/v1/runs", RETRY)).json()).data).toEqual([]);
    await otherPage.goto("/board");
    await expect(otherPage.getByText("Add a login page")).toHaveCount(0);
    await other.close();
  });

  test("a file that is not what it claims is refused with a reason and imports nothing", async ({ page }) => {
    const file = path.join(dir, "notes.txt");
    fs.writeFileSync(file, "just some notes, not a database\n");
    await signUp(page, newAccount("import-wrong"));
    await upload(page, "opcode", file);
    await expect(page.getByRole("alert").filter({ hasText: "notes.txt: This is not an SQLite database" })).toBeVisible();
    const vk = path.join(dir, `swapped-${Date.now()}.sqlite`);
    await buildVibeKanbanDb(vk, "/home/ada/todo-app");
    await upload(page, "opcode", vk);
    const card = await newestImport(page, "failed");
    await expect(card.getByRole("alert")).toContainText("This is not opcode agents.db: it has no agents table.");
    const projects = (await (await sessionApi(page).get("/api/v1/projects", RETRY)).json()) as { data: unknown[] };
    expect(projects.data).toEqual([]);
  });
});
