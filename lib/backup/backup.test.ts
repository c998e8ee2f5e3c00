import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import { afterAll, describe, expect, it } from "vitest";
import { db, openClient } from "@/db/client";
import { agents } from "@/db/schema";
import { authSecret, config } from "@/lib/config";
import { createProject } from "@/lib/projects/projects";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker } from "@/lib/queue/worker";
import { startRun } from "@/lib/runs/lifecycle";
import { getRunForUser } from "@/lib/runs/runs";
import { jobHandlers } from "@/lib/server/job-handlers";
import { setAppSetting } from "@/lib/settings/app-settings";
import { testUser } from "@/tests/factories";
import { isArchived } from "./backup";
import { inspectArchive, RestoreRefused } from "./restore";
import { backupFileName, listStoredBackups, runScheduledBackup } from "./schedule";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const worker = startWorker({ handlers: jobHandlers, pollMs: 50, logger: quiet });
afterAll(() => worker.stop({ drainMs: 0, abortGraceMs: 500 }));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-backup-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** `npm run backup|restore -- <file>` as a real child process with `env`; resolves with its exit code and output. */
function npmScript(script: "backup" | "restore", file: string, env: Record<string, string>) {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["--conditions=react-server", `scripts/${script}.ts`, file], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("backup and restore", () => {
  it("npm run backup in another process while a script run streams and writes files; restoring into an empty folder brings back the database whole and every file", async () => {
    const user = await testUser({ plan: "PRO" });
    const project = await createProject(user.id, { name: "Busy" });
    const [agent] = await db().insert(agents).values({ userId: user.id, name: "Writer", executor: "script" }).returning({ id: agents.id });
    const secret = authSecret();
    const task = "for i in $(seq 1 60); do echo line $i; echo line $i >> out.txt; sleep 0.05; done";
    const run = await startRun(user.id, { agentId: agent!.id, projectId: project.id, task });
    await waitFor(async () => ((await getRunForUser(user.id, run.id)).lastSeq >= 6 ? true : null), { what: "lines streaming", timeoutMs: 30_000 });

    const archive = path.join(scratch, "busy.tar.gz");
    const backup = await npmScript("backup", archive, { DATA_DIR: config().dataDir });
    expect(backup.code, backup.output).toBe(0);
    const finished = await waitFor(async () => {
      const r = await getRunForUser(user.id, run.id);
      return r.status === "completed" ? r : null;
    }, { what: "run completed", timeoutMs: 60_000 });
    expect(finished.lastSeq).toBeGreaterThan(60);

    const target = path.join(scratch, "restored", "data");
    const restore = await npmScript("restore", archive, { DATA_DIR: target, DATABASE_URL: "" });
    expect(restore.code, restore.output).toBe(0);

    const client = openClient(`file:${path.join(target, "switchboard.db")}`);
    try {
      expect((await client.execute("PRAGMA integrity_check")).rows[0]![0]).toBe("ok");
      const [row] = (await client.execute({ sql: "SELECT status, last_seq, (SELECT count(*) FROM run_events WHERE run_id = agent_runs.id) AS events, (SELECT max(seq) FROM run_events WHERE run_id = agent_runs.id) AS top FROM agent_runs WHERE id = ?", args: [run.id] })).rows;
      // Taken mid-run: some lines, not all, and the run's counter agrees with its log (one consistent snapshot).
      expect(row!.status).toBe("running");
      expect(Number(row!.events)).toBeGreaterThan(6);
      expect(Number(row!.events)).toBeLessThan(finished.lastSeq);
      expect(Number(row!.last_seq)).toBe(Number(row!.top));
    } finally {
      client.close();
    }
    // The workspace the agent was writing, and the secret that decrypts saved keys.
    const written = fs.readFileSync(path.join(target, "workspaces", project.id, "out.txt"), "utf8");
    expect(written.startsWith("line 1\n")).toBe(true);
    expect(fs.readFileSync(path.join(target, "auth-secret"), "utf8").trim()).toBe(secret);
    expect((fs.statSync(target).mode & 0o777).toString(8)).toBe("700");
    // Nothing transient or live came along.
    expect(fs.existsSync(path.join(target, "switchboard.db-wal"))).toBe(false);
    expect(fs.existsSync(path.join(target, "backups"))).toBe(false);
  }, 120_000);

  it("restore refuses a DATA_DIR that holds anything, and changes nothing in it", async () => {
    const archive = path.join(scratch, "small.tar.gz");
    expect((await npmScript("backup", archive, { DATA_DIR: config().dataDir })).code).toBe(0);
    const busy = path.join(scratch, "busy-dir");
    fs.mkdirSync(busy, { recursive: true });
    fs.writeFileSync(path.join(busy, "keep.txt"), "mine");
    const result = await npmScript("restore", archive, { DATA_DIR: busy, DATABASE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("is not empty");
    expect(fs.readdirSync(busy)).toEqual(["keep.txt"]);
  }, 60_000);

  it("a hostile archive is refused whole before anything is written: a ../ path, an absolute path, a path through a symbolic link, a file that is no archive", async () => {
    const source = path.join(scratch, "hostile-src");
    fs.mkdirSync(path.join(source, "data"), { recursive: true });
    fs.writeFileSync(path.join(source, "switchboard-backup.json"), JSON.stringify({ format: "switchboard-backup", version: 1, createdAt: new Date().toISOString(), database: "remote" }));
    fs.writeFileSync(path.join(source, "data", "evil.txt"), "pwned");
    const hostile = async (name: string, rename: (p: string) => string, extra: string[] = []) => {
      const file = path.join(scratch, name);
      await tar.c({ gzip: true, file, cwd: source, preservePaths: true, onWriteEntry: (e) => void (e.path = rename(e.path)) }, ["switchboard-backup.json", "data/evil.txt", ...extra]);
      return file;
    };
    const dotdot = await hostile("dotdot.tar.gz", (p) => (p === "data/evil.txt" ? "data/../../evil.txt" : p));
    const absolute = await hostile("absolute.tar.gz", (p) => (p === "data/evil.txt" ? path.join(scratch, "absolute-evil.txt") : p));
    fs.symlinkSync(scratch, path.join(source, "data", "link"));
    const throughLink = await hostile("through-link.tar.gz", (p) => (p === "data/evil.txt" ? "data/link/link-evil.txt" : p), ["data/link"]);

    await expect(inspectArchive(dotdot)).rejects.toThrow(/climbs out with \.\./);
    await expect(inspectArchive(absolute)).rejects.toThrow(/absolute path/);
    await expect(inspectArchive(throughLink)).rejects.toThrow(/through the symbolic link data\/link/);
    await expect(inspectArchive(path.join(source, "data", "evil.txt"))).rejects.toBeInstanceOf(RestoreRefused);

    // The real command, on the ../ archive: refused with the reason, nothing written anywhere.
    const target = path.join(scratch, "hostile-target", "data");
    const result = await npmScript("restore", dotdot, { DATA_DIR: target, DATABASE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("Refusing this archive, nothing was restored");
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(path.join(scratch, "hostile-target", "evil.txt"))).toBe(false);
    expect(fs.existsSync(path.join(scratch, "evil.txt"))).toBe(false);
    expect(fs.existsSync(path.join(scratch, "link-evil.txt"))).toBe(false);
    expect(fs.existsSync(path.join(scratch, "absolute-evil.txt"))).toBe(false);
  }, 60_000);

  it("leaves out the live database files, earlier backups and the sandbox's per-run folders", () => {
    expect(isArchived("switchboard.db", "switchboard.db")).toBe(false);
    expect(isArchived("switchboard.db-wal", "switchboard.db")).toBe(false);
    expect(isArchived("switchboard.db-shm", "switchboard.db")).toBe(false);
    expect(isArchived("backups", "switchboard.db")).toBe(false);
    expect(isArchived("backups/switchboard-20261201T000000Z.tar.gz", null)).toBe(false);
    expect(isArchived("sandbox/runs/abc/file", null)).toBe(false);
    expect(isArchived("sandbox/checks/abc", null)).toBe(false);
    expect(isArchived("workspaces/p/switchboard.db", "switchboard.db")).toBe(true);
    expect(isArchived("homes/u/.claude.json", null)).toBe(true);
    expect(isArchived("auth-secret", null)).toBe(true);
  });

  it("daily backups: one is written when due, not again within the day, and the oldest beyond the number to keep (and leftovers of killed backups) are removed", async () => {
    await setAppSetting("backupSchedule", { enabled: false, keep: 2 });
    expect(await runScheduledBackup()).toEqual({ skipped: "off" });
    await setAppSetting("backupSchedule", { enabled: true, keep: 2 });
    const dir = path.join(config().dataDir, "backups");
    fs.mkdirSync(dir, { recursive: true });
    for (const daysAgo of [3, 2]) {
      const at = new Date(Date.now() - daysAgo * 86_400_000);
      const file = path.join(dir, backupFileName(at));
      fs.writeFileSync(file, "old");
      fs.utimesSync(file, at, at);
    }
    const leftover = path.join(dir, ".work-0123456789ab");
    fs.mkdirSync(leftover);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(leftover, twoDaysAgo, twoDaysAgo);
    const first = await runScheduledBackup();
    expect(fs.existsSync(leftover)).toBe(false); // what a killed backup left behind goes too
    expect(first.written).toMatch(/^switchboard-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(first.removed).toHaveLength(1);
    const kept = await listStoredBackups();
    expect(kept.map((b) => b.name)).toEqual([first.written, backupFileName(new Date(Date.now() - 2 * 86_400_000))]);
    expect((await runScheduledBackup()).written).toBeNull();
    // The scheduled archive is a real backup.
    expect((await inspectArchive(path.join(dir, first.written as string))).database).toBe("included");
  }, 60_000);
});
