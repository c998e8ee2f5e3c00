import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import * as tar from "tar";
import { newAccount, signUp, submitSignIn } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { ADMIN_STATE, APP_PORT, E2E_DATA_DIR, RESTORED_APP_PORT } from "./support/env";
import { sessionApi } from "./support/session-api";
import { createProjectAndAgentViaApi, RETRY, waitForHydration } from "./support/workspace";

/*
 * Backup and restore end to end: `npm run backup` against the suite's running server while
 * a run streams, `npm run restore` into an empty folder, a second `next start` on it, and a
 * person signing in there to find every run and its log.
 */

const root = path.resolve(__dirname, "..");
const work = path.join(root, "test-results", `e2e-${APP_PORT}`, "backup");

/** `npm run <script> -- <file>` (the same command, through tsx) with `env`; resolves with its exit code and output. */
function npmScript(script: "backup" | "restore", file: string, env: Record<string, string>) {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", `scripts/${script}.ts`, file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", DATABASE_AUTH_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

let restored: AppServer | undefined;
test.afterAll(async () => {
  await restored?.stop();
});

test("a backup taken while a run streams restores into an empty folder; the app started on it signs the user in and shows every run's log", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const account = newAccount("backup");
  await signUp(page, account);
  const { projectId, agentId } = await createProjectAndAgentViaApi(page, { project: `Archive ${account.name}`, agent: `Archivist ${account.name}` });
  const startRun = async (task: string) => {
    const response = await sessionApi(page).post("/api/v1/runs", { data: { agentId, projectId, task } });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const runOf = async (id: string) => (await (await page.request.get(`/api/v1/runs/${id}`, RETRY)).json()) as { status: string; lastSeq?: number };
  const finished = await startRun("echo finished-before-the-backup");
  await expect.poll(async () => (await runOf(finished)).status, { timeout: 30_000 }).toBe("completed");
  const streaming = await startRun('for i in $(seq 1 150); do echo "streamed line $i"; echo "$i" >> progress.txt; sleep 0.1; done');
  // Well into its output, and still running, when the backup is taken.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/runs/${streaming}/log?format=text`, RETRY)).text()).match(/streamed line/g) ?? []).length, { timeout: 30_000 })
    .toBeGreaterThan(5);

  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const archive = path.join(work, "switchboard.tar.gz");
  const backup = await npmScript("backup", archive, { DATA_DIR: E2E_DATA_DIR });
  expect(backup.code, backup.output).toBe(0);
  expect((await runOf(streaming)).status).toBe("running");

  const restoredDir = path.join(work, "restored");
  const restore = await npmScript("restore", archive, { DATA_DIR: restoredDir });
  expect(restore.code, restore.output).toBe(0);
  expect(fs.readFileSync(path.join(restoredDir, "workspaces", projectId, "progress.txt"), "utf8")).toMatch(/^1\n2\n/);
  // A second restore into the now-filled folder is refused.
  const again = await npmScript("restore", archive, { DATA_DIR: restoredDir });
  expect(again.code).toBe(1);
  expect(again.output).toContain("is not empty");

  restored = await startAppServer(RESTORED_APP_PORT, {}, { dataDir: restoredDir });
  const context = await browser.newContext({ baseURL: restored.url });
  const there = await context.newPage();
  await there.goto("/sign-in");
  await submitSignIn(there, account.email, account.password);
  await expect(there).toHaveURL(/\/dashboard$/);

  // Every run the user had is listed, and each one's log is there to read.
  const listed = (await (await there.request.get("/api/v1/runs", RETRY)).json()) as { data: Array<{ id: string }> };
  expect(listed.data.map((r) => r.id).sort()).toEqual([finished, streaming].sort());
  await there.goto(`/runs/${finished}`);
  await expect(there.getByRole("log", { name: "Run output" })).toContainText("finished-before-the-backup");
  await there.goto(`/runs/${streaming}`);
  const log = there.getByRole("log", { name: "Run output" });
  await expect(log).toContainText("streamed line 1");
  await expect(log).toContainText("streamed line 5");
  // The run was cut by the backup's moment: the restored server marks it interrupted, keeping its lines.
  await expect
    .poll(async () => ((await (await there.request.get(`/api/v1/runs/${streaming}`, RETRY)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe("failed");
  await context.close();
});

test.describe("backups on /admin/settings", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin downloads a whole backup (audited) and turns daily backups on; anyone else gets a 404", async ({ page, browser }) => {
    await page.goto("/admin/settings");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download a backup now" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^switchboard-\d{8}T\d{6}Z\.tar\.gz$/);
    const entries: string[] = [];
    await tar.t({ file: await download.path(), onReadEntry: (e) => void entries.push(e.path) });
    expect(entries).toEqual(expect.arrayContaining(["switchboard-backup.json", "database.db", "data/auth-secret"]));

    await page.goto("/admin/audit");
    await expect(page.getByRole("row").filter({ hasText: "Downloaded a backup" }).locator("code", { hasText: "admin.backup_downloaded" }).first()).toBeVisible();

    await page.goto("/admin/settings");
    const daily = page.getByLabel("Make a backup every day (kept under DATA_DIR/backups)");
    await waitForHydration(daily);
    await daily.check();
    await page.getByLabel("Backups to keep").fill("3");
    await page.getByRole("button", { name: "Save schedule" }).click();
    await expect(page.getByText("Saved: a backup every day, the newest 3 kept.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Make a backup every day (kept under DATA_DIR/backups)")).toBeChecked();

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await context.newPage();
    await signUp(other, newAccount("notadmin"));
    expect((await other.request.get("/admin/settings/backup")).status()).toBe(404);
    await context.close();
  });
});
