import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { createScriptAgent, openDialog, waitForHydration } from "./support/workspace";

/** Agent exports in opcode/Claudia's format, written for these tests (tests/fixtures). */
const FIXTURES = path.resolve(__dirname, "../tests/fixtures/opcode-agents");
const CHANGELOG_WRITER = path.join(FIXTURES, "changelog-writer.opcode.json");
/** Files a test writes (git-ignored, like the rest of test-results/). */
const SCRATCH = path.resolve(__dirname, "../test-results/e2e-files");

function agentList(page: Page) {
  return page.getByRole("region", { name: "Your agents" });
}

/** Uploads one file through the "Import" dialog on /agents (opening it if it is not open yet) and returns the dialog. */
async function importFile(page: Page, file: string) {
  const card = page.getByRole("dialog", { name: "Import agents" });
  if (!(await card.isVisible())) await openDialog(page, "Import");
  const input = card.getByLabel("Agent export file (.json)");
  await waitForHydration(input);
  await input.setInputFiles(file);
  await card.getByRole("button", { name: "Import", exact: true }).click();
  return card;
}

test.describe("agents", () => {
  test("creating a script agent opens its page, and it is listed on /agents", async ({ page }) => {
    await signUp(page, newAccount("author"));
    await page.goto("/agents");
    await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();

    const id = await createScriptAgent(page, { name: "Nightly checks", defaultTask: "npm test" });
    // A script agent has no model: the page and the form leave it out, with the prompt, tools and hooks.
    await expect(page.getByText(/^Shell script · Development · Updated /)).toBeVisible();
    // The edit form on the agent's page holds what was saved.
    await expect(page.getByLabel("Executor")).toHaveValue("script");
    await expect(page.getByLabel("Script", { exact: true })).toHaveValue("npm test");
    for (const field of ["Model", "System prompt", "Tools (optional)", "Hooks (JSON, optional)"]) await expect(page.getByLabel(field, { exact: true })).toHaveCount(0);
    // Switching to Claude Code brings its fields back, with the hints for it.
    await waitForHydration(page.getByLabel("Executor"));
    await page.getByLabel("Executor").selectOption("claude-code");
    await expect(page.getByLabel("Model", { exact: true })).toHaveAccessibleDescription("Claude model alias or name, e.g. sonnet or opus.");
    await expect(page.getByLabel("Hooks (JSON, optional)")).toBeVisible();
    await expect(page.getByLabel("Default task (optional)")).toHaveValue("npm test");

    await page.goto("/agents");
    const link = agentList(page).getByRole("link", { name: "Nightly checks", exact: true });
    await expect(link).toHaveAttribute("href", `/agents/${id}`);
    await expect(agentList(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: "Nightly checks", exact: true }) })).toContainText(
      "Shell script",
    );
  });

  test("the form flags a missing name and invalid hooks JSON as you type, and refuses to submit", async ({ page }) => {
    await signUp(page, newAccount("typist"));
    await page.goto("/agents");
    await openDialog(page, "New agent");
    const name = page.getByRole("dialog").getByLabel("Name", { exact: true });

    await name.fill("Reviewer");
    await name.fill("");
    const nameError = page.getByText("This field is required.");
    await expect(nameError).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");

    const hooks = page.getByLabel("Hooks (JSON, optional)");
    await hooks.fill('{"PreToolUse": [');
    await expect(page.getByText("This is not valid JSON.")).toBeVisible();
    await expect(hooks).toHaveAttribute("aria-invalid", "true");
    await hooks.fill("[1, 2]");
    await expect(page.getByText('Hooks must be a JSON object, e.g. {"PreToolUse": []}.')).toBeVisible();

    // A fixed name clears its message; the bad hooks still stop the submit, which focuses them.
    await name.fill("Reviewer");
    await expect(nameError).toHaveCount(0);
    await expect(name).not.toHaveAttribute("aria-invalid", "true");
    await page.getByRole("button", { name: "Create agent" }).click();
    await expect(hooks).toBeFocused();
    await expect(page).toHaveURL(/\/agents$/);

    // Valid hooks: the same form now creates the agent.
    await hooks.fill('{"PreToolUse": []}');
    await expect(page.getByText('Hooks must be a JSON object, e.g. {"PreToolUse": []}.')).toHaveCount(0);
    await page.getByRole("button", { name: "Create agent" }).click();
    await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Reviewer", level: 1 })).toBeVisible();
  });

  test("importing opcode's Changelog Writer export lists it; importing it again adds “(Imported)”", async ({ page }) => {
    await signUp(page, newAccount("importer"));
    await page.goto("/agents");

    const card = await importFile(page, CHANGELOG_WRITER);
    await expect(card.getByRole("status")).toHaveText("Imported 1 agent(s): Changelog Writer.");

    await importFile(page, CHANGELOG_WRITER);
    await expect(card.getByRole("status")).toHaveText("Imported 1 agent(s): Changelog Writer (Imported).");
    await page.keyboard.press("Escape");
    await expect(card).toHaveCount(0);
    await expect(agentList(page).getByRole("link", { name: "Changelog Writer (Imported)", exact: true })).toBeVisible();
    await expect(agentList(page).getByRole("link", { name: "Changelog Writer", exact: true })).toHaveCount(1);

    // The opcode fields came across: its default task and its prompt.
    await agentList(page).getByRole("link", { name: "Changelog Writer", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Changelog Writer", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Default task (optional)")).toHaveValue("Write the changelog entry for everything since the last tag.");
    await expect(page.getByLabel("System prompt")).toHaveValue(/You keep a project.s CHANGELOG.md honest/);
  });

  test("an export file of version 2 is refused with the reason, and nothing is imported", async ({ page }) => {
    await signUp(page, newAccount("futurist"));
    const original = JSON.parse(fs.readFileSync(CHANGELOG_WRITER, "utf8")) as { version: number; agent: { name: string } };
    fs.mkdirSync(SCRATCH, { recursive: true });
    const file = path.join(SCRATCH, `version-2-${test.info().testId}-${test.info().repeatEachIndex}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...original, version: 2 }));

    await page.goto("/agents");
    const card = await importFile(page, file);
    await expect(card.getByRole("alert")).toHaveText(
      "Nothing was imported. Agent 1 of 1 (“Changelog Writer”): version 2 is not supported; only version 1 agent exports can be imported.",
    );
    await page.keyboard.press("Escape");
    await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();
  });

  test("Export downloads a version 1 JSON file with the agent, which imports back as a copy", async ({ page }) => {
    await signUp(page, newAccount("exporter"));
    await createScriptAgent(page, { name: "Release notes", defaultTask: "git log --oneline -20" });

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export Release notes as a JSON file" }).click();
    const download = await downloading;
    // Named after the agent (the header's UTF-8 filename*, which browsers prefer to the ASCII fallback).
    expect(download.suggestedFilename()).toBe("Release notes.agent.json");
    fs.mkdirSync(SCRATCH, { recursive: true });
    const file = path.join(SCRATCH, `export-${test.info().testId}-${test.info().repeatEachIndex}.json`);
    await download.saveAs(file);

    const exported = JSON.parse(fs.readFileSync(file, "utf8")) as { version: unknown; exported_at: unknown; agent: Record<string, unknown> };
    expect(exported.version).toBe(1);
    expect(typeof exported.exported_at).toBe("string");
    expect(exported.agent).toMatchObject({ name: "Release notes", defaultTask: "git log --oneline -20" });

    await page.goto("/agents");
    const card = await importFile(page, file);
    await expect(card.getByRole("status")).toHaveText("Imported 1 agent(s): Release notes (Imported).");
  });
});
