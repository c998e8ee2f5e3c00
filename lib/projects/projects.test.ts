import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns } from "@/db/schema";
import { config, resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { createProject, deleteProject, getProject, listProjects, purgeProject, updateProject, workspacesDir } from "./projects";
import { resolveProjectFolder } from "./paths";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { testUser } from "@/tests/factories";
import type { Plan } from "@/lib/domain";

const newUser = (plan: Plan = "PRO") => testUser({ plan });

// Real folders: a root with a project folder in it, and a folder outside every root.
const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-roots-")));
const root = path.join(base, "root");
const inside = path.join(root, "app");
const outside = path.join(base, "outside");
fs.mkdirSync(inside, { recursive: true });
fs.mkdirSync(outside, { recursive: true });
fs.writeFileSync(path.join(root, "notes.txt"), "a file, not a folder");
fs.symlinkSync(outside, path.join(root, "escape"));
fs.symlinkSync(inside, path.join(root, "alias"));

/** A folder of its own under the root: a folder belongs to one user, so each test's user gets theirs. */
let folders = 0;
function freshFolder() {
  const dir = path.join(root, `folder-${++folders}`);
  fs.mkdirSync(dir);
  return dir;
}

function setRoots(value: string | undefined) {
  if (value === undefined) delete process.env.PROJECT_ROOTS;
  else process.env.PROJECT_ROOTS = value;
  resetConfigForTests();
}

beforeEach(() => setRoots(root));
afterAll(() => {
  setRoots(undefined);
  fs.rmSync(base, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("new workspaces", () => {
  it("creates an empty git repository under DATA_DIR/workspaces/<id>", async () => {
    const user = await newUser();
    const project = await createProject(user.id, { name: "Fresh", repoUrl: "https://github.com/acme/app.git" });
    expect(project).toMatchObject({ name: "Fresh", isWorkspace: true, repoUrl: "https://github.com/acme/app.git", config: {} });
    expect(project.path).toBe(path.join(config().dataDir, "workspaces", project.id));
    expect(fs.statSync(path.join(project.path, ".git")).isDirectory()).toBe(true);
    const inside = execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: project.path }).toString().trim();
    expect(inside).toBe("true");
    // Empty: no files besides .git, and one empty commit so worktrees have a base.
    expect(fs.readdirSync(project.path)).toEqual([".git"]);
    expect(execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: project.path }).toString().trim()).toBe("1");
  });

  it("deleting a workspace project keeps its folder while it is in the trash, and purging it removes the folder", async () => {
    const user = await newUser();
    const project = await createProject(user.id, { name: "Temp" });
    await deleteProject(user.id, project.id);
    await expect(getProject(user.id, project.id)).rejects.toMatchObject({ code: "not_found" });
    expect(fs.existsSync(project.path)).toBe(true);
    expect(await purgeProject(user.id, project.id)).toBe(true);
    expect(fs.existsSync(project.path)).toBe(false);
  });
  it("purging a trashed project deletes its runs too (foreign-key cascade); a live one is never purged", async () => {
    const user = await newUser();
    const project = await createProject(user.id, { name: "With runs" });
    const [run] = await db()
      .insert(agentRuns)
      .values({ userId: user.id, projectId: project.id, task: "echo hi", executor: "script" })
      .returning({ id: agentRuns.id });
    expect(await purgeProject(user.id, project.id)).toBe(false);
    await deleteProject(user.id, project.id);
    expect(await db().select({ id: agentRuns.id }).from(agentRuns).where(eq(agentRuns.id, run!.id))).toHaveLength(1);
    await purgeProject(user.id, project.id);
    expect(await db().select().from(agentRuns).where(eq(agentRuns.id, run!.id))).toEqual([]);
  });
});

describe("existing folders under PROJECT_ROOTS", () => {
  it("accepts a folder under a root and stores its real path", async () => {
    const user = await newUser();
    const project = await createProject(user.id, { name: "App", path: inside });
    expect(project).toMatchObject({ path: inside, isWorkspace: false });
    // A symlink that stays inside the root is fine; the real path is stored.
    expect(await resolveProjectFolder(path.join(root, "alias"))).toBe(inside);
    expect(await resolveProjectFolder(path.join(root, "app", ".", "..", "app"))).toBe(inside);
  });

  it("never deletes a user's own folder", async () => {
    const user = await newUser();
    const folder = freshFolder();
    const project = await createProject(user.id, { name: "Mine", path: folder });
    await deleteProject(user.id, project.id);
    expect(fs.existsSync(folder)).toBe(true);
  });

  it("refuses a .. escape, saying where the path leads", async () => {
    const user = await newUser();
    const error = await refusal(createProject(user.id, { name: "X", path: `${root}/../outside` }));
    expect(error.code).toBe("validation");
    expect(error.status).toBe(400);
    expect(error.message).toContain(`leads to ${outside}`);
    expect(error.message).toContain("outside the folders projects may use");
    expect(error.fields?.path).toBe(error.message);
  });

  it("refuses a symlink that points outside the roots, without saying where it points", async () => {
    const error = await refusal(resolveProjectFolder(path.join(root, "escape")));
    expect(error.code).toBe("validation");
    expect(error.message).not.toContain(outside);
    expect(error.message).toBe(
      `${path.join(root, "escape")} leads (through a link) outside the folders projects may use (${root}). Only folders inside those can be added.`,
    );
  });

  it("refuses a folder outside every root", async () => {
    const error = await refusal(resolveProjectFolder(outside));
    expect(error.message).toBe(
      `${outside} is outside the folders projects may use (${root}). Only folders inside those can be added.`,
    );
  });

  it("refuses a folder that does not exist, a file, and a relative path", async () => {
    expect((await refusal(resolveProjectFolder(path.join(root, "nope")))).message).toBe(
      `The folder ${path.join(root, "nope")} does not exist on the server.`,
    );
    expect((await refusal(resolveProjectFolder(path.join(root, "notes.txt")))).message).toBe(
      `${path.join(root, "notes.txt")} is a file, not a folder.`,
    );
    expect((await refusal(resolveProjectFolder("code/app"))).message).toContain("absolute path");
  });

  it("does not probe the disk for paths outside the roots", async () => {
    // Missing or not, a path outside the roots gets the same answer.
    const missing = await refusal(resolveProjectFolder("/definitely/not/here"));
    const present = await refusal(resolveProjectFolder(outside));
    expect(missing.message).toContain("is outside the folders projects may use");
    expect(present.message).toContain("is outside the folders projects may use");
  });

  it("refuses every existing folder when PROJECT_ROOTS is not set", async () => {
    setRoots(undefined);
    const error = await refusal(resolveProjectFolder(inside));
    expect(error.message).toContain("This server does not allow adding existing folders");
  });

  it("refuses the app's own data folder even under a root", async () => {
    setRoots(`${root}:${config().dataDir}`);
    const error = await refusal(resolveProjectFolder(path.join(config().dataDir, "workspaces")));
    expect(error.message).toContain("Switchboard's own data folder");
  });

  it("carries an i18n key so pages can show the refusal in Korean", async () => {
    const error = await refusal(resolveProjectFolder(outside));
    expect(error).toBeInstanceOf(LocalizedError);
    expect((error as LocalizedError).text.key).toBe("project.error.outsideRoots");
  });
});

describe("ownership, updates and listing", () => {
  it("answers not_found for another user's project, for every operation", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const project = await createProject(alice.id, { name: "Alice's" });
    await expect(getProject(bob.id, project.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateProject(bob.id, project.id, { name: "Mine now" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteProject(bob.id, project.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listProjects(bob.id, { limit: 20 })).data).toEqual([]);
    expect(fs.existsSync(project.path)).toBe(true);
    expect((await getProject(alice.id, project.id)).name).toBe("Alice's");
  });

  it("updates name, repo URL and setup script, keeping other config keys", async () => {
    const user = await newUser();
    const project = await createProject(user.id, { name: "Before", config: { setupScript: "npm ci" } });
    expect(project.config).toEqual({ setupScript: "npm ci" });
    const updated = await updateProject(user.id, project.id, {
      name: "After",
      repoUrl: "git@github.com:acme/app.git",
      config: { setupScript: "npm install\nnpm run build" },
    });
    expect(updated).toMatchObject({ name: "After", repoUrl: "git@github.com:acme/app.git", config: { setupScript: "npm install\nnpm run build" } });
    const cleared = await updateProject(user.id, project.id, { repoUrl: null, config: { setupScript: null } });
    expect(cleared.repoUrl).toBeNull();
    expect(cleared.config).toEqual({});
    expect(cleared.path).toBe(project.path);
  });

  it("lists newest first with a cursor", async () => {
    const user = await newUser();
    const made = [];
    for (const name of ["one", "two", "three"]) made.push(await createProject(user.id, { name }));
    const first = await listProjects(user.id, { limit: 2 });
    expect(first.data.map((p) => p.name)).toEqual(["three", "two"]);
    expect(first.nextCursor).toBe(made[1]!.id);
    const second = await listProjects(user.id, { limit: 2, cursor: first.nextCursor! });
    expect(second.data.map((p) => p.name)).toEqual(["one"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("plan limits", () => {
  it("refuses a third project on FREE with a 403 that says how to get more", async () => {
    const user = await newUser("FREE");
    await createProject(user.id, { name: "1" });
    await createProject(user.id, { name: "2", path: freshFolder() });
    const before = fs.readdirSync(workspacesDir()).length;
    const error = await refusal(createProject(user.id, { name: "3" }));
    expect(error.code).toBe("forbidden");
    expect(error.status).toBe(403);
    expect(error.message).toBe("Your FREE plan allows 2 projects. Upgrade to PRO at /billing for unlimited projects.");
    // No stray workspace folder was left behind.
    expect(fs.readdirSync(workspacesDir()).length).toBe(before);
    expect((await listProjects(user.id, { limit: 20 })).data).toHaveLength(2);
  });

  it("lets only one of two concurrent creates take the last free slot", async () => {
    const user = await newUser("FREE");
    await createProject(user.id, { name: "1" });
    const results = await Promise.allSettled([createProject(user.id, { name: "a" }), createProject(user.id, { name: "b" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "forbidden" });
    expect((await listProjects(user.id, { limit: 20 })).data).toHaveLength(2);
  });

  it("PRO has no project limit", async () => {
    const user = await newUser("PRO");
    const folder = freshFolder();
    for (let i = 0; i < 4; i++) await createProject(user.id, { name: `p${i}`, path: folder });
    expect((await listProjects(user.id, { limit: 20 })).data).toHaveLength(4);
  });
});
