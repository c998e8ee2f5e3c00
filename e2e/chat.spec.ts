import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { ok } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { projectFolder, waitForHydration } from "./support/workspace";

/*
 * A conversation in the browser, against the real server, its inline worker and a
 * Claude Code stand-in CLI (CLAUDE_CODE_BIN in playwright.config.ts) that honours
 * --resume/--fork-session and writes files when told `write <path> <text>`.
 */

const SESSION_FILE = path.resolve("tests/fixtures/claude-code/session.jsonl");

async function chatUser(page: Page, label: string) {
  const account = newAccount(label);
  await signUp(page, account);
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: `Notes ${account.name}` } }), 201);
  const agent = await ok<{ id: string }>(await api.post("/api/v1/agents", { data: { name: `Claude ${account.name}`, executor: "claude-code", model: "sonnet" } }), 201);
  const folder = await projectFolder(page, project.id);
  // The stand-in's settings and session store stay out of checkpoints, like any ignored file.
  fs.writeFileSync(path.join(folder, "stand-in.json"), JSON.stringify({ CHAT: "1", DELAY_MS: "600" }));
  fs.writeFileSync(path.join(folder, ".gitignore"), ".fake-claude-sessions/\nstand-in.json\n");
  return { projectId: project.id, agentId: agent.id, folder };
}

async function send(page: Page, text: string) {
  const composer = page.getByRole("textbox", { name: "Message" });
  await waitForHydration(composer);
  await composer.fill(text);
  await composer.press("Enter");
}

const notes = (folder: string) => fs.readFileSync(path.join(folder, "notes.txt"), "utf8");

test.describe("chat", () => {
  test("start a conversation, watch the reply stream in, follow up in the same session, restore a checkpoint, fork", async ({ page }) => {
    const { projectId, agentId, folder } = await chatUser(page, "chat");
    await page.goto(`/chat?agentId=${agentId}&projectId=${projectId}`);
    await page.getByRole("button", { name: "Start conversation" }).click();
    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);

    await send(page, "write notes.txt first version");
    // The turn streams through the run view while it runs, then its reply is stored as messages.
    await expect(page.locator("[data-live-turn]").getByText("Turn 1 (new session).")).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('[data-message-role="assistant"]').getByText("You said: write notes.txt first version")).toBeVisible({ timeout: 15_000 });
    expect(notes(folder)).toBe("first version");
    await expect(page.getByText("Tool: Write")).toBeVisible();

    await send(page, "write notes.txt second version");
    await expect(page.locator('[data-message-role="assistant"]').getByText(/Turn 2 \(resumed session [0-9a-f-]{36}\)/)).toBeVisible({ timeout: 20_000 });
    await expect(page.locator("[data-conversation-status=idle]")).toBeVisible({ timeout: 15_000 });
    expect(notes(folder)).toBe("second version");

    // One checkpoint after each turn; restore the first and the file on disk changes back.
    const timeline = page.getByRole("list", { name: "Checkpoint timeline" });
    await expect(timeline.locator("[data-checkpoint]")).toHaveCount(2);
    const first = timeline.locator("[data-checkpoint]").first();
    page.once("dialog", (dialog) => void dialog.accept());
    await first.getByRole("button", { name: "Restore" }).click();
    await expect(first.getByText(/Restored: 1 files written back/)).toBeVisible();
    expect(notes(folder)).toBe("first version");

    await first.getByRole("link", { name: "Diff with now" }).click();
    await expect(page.getByRole("heading", { name: "Changes since the checkpoint" })).toBeVisible();
    await expect(page.getByText("No differences.")).toBeVisible();

    await first.getByRole("button", { name: "Fork" }).click();
    await expect(page.getByRole("heading", { name: /\(fork\)$/ })).toBeVisible();
    await send(page, "hello fork");
    await expect(page.locator('[data-message-role="assistant"]').getByText(/Turn \d+ \(forked from session [0-9a-f-]{36}\)/)).toBeVisible({ timeout: 20_000 });
  });

  test("import a Claude Code session file on /chat; its next message resumes that session", async ({ page }) => {
    const { folder } = await chatUser(page, "chatimport");
    await page.goto("/chat");
    await waitForHydration(page.getByRole("button", { name: "Import" }));
    await page.getByLabel("Session file (.jsonl)").setInputFiles(SESSION_FILE);
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("heading", { name: "Add a --version flag to the CLI" })).toBeVisible();
    await expect(page.getByText("Done:")).toBeVisible();
    await expect(page.getByText("Tool: Edit")).toBeVisible();
    await send(page, "and a test");
    await expect(page.locator('[data-message-role="assistant"]').getByText("Turn 1 (resumed session 3f6c2a10-8b7e-4d21-9c4a-5e0b1d2f7a93).")).toBeVisible({ timeout: 20_000 });
    expect(fs.existsSync(path.join(folder, ".fake-claude-sessions/3f6c2a10-8b7e-4d21-9c4a-5e0b1d2f7a93.jsonl"))).toBe(true);
  });
});
