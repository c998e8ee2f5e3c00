import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { git, GitError } from "./git";
import { diffAgainstBase } from "./diff";
import { MergeConflictError, mergeIntoBase, rebaseOntoBase } from "./merge";
import { cleanupWorktrees, commitAll, createAttemptWorktree, discardWorktree, listWorktrees } from "./worktrees";

let tmp: string;
let repo: string;
let root: string;

async function write(dir: string, file: string, content: string) {
  await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await fs.writeFile(path.join(dir, file), content);
}
const read = (dir: string, file: string) => fs.readFile(path.join(dir, file), "utf8");
const exists = (p: string) =>
  fs
    .stat(p)
    .then(() => true)
    .catch(() => false);

/** Every file of the checkout (outside .git) with its bytes, to compare before/after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (rel === ".git" || rel.startsWith(`.git${path.sep}`) || !entry.isFile()) continue;
    out[rel] = (await fs.readFile(full)).toString("base64");
  }
  return out;
}

async function commitIn(dir: string, files: Record<string, string>, message: string) {
  for (const [f, c] of Object.entries(files)) await write(dir, f, c);
  return commitAll(dir, message);
}

async function attempt(branch: string) {
  return createAttemptWorktree({ repo, baseBranch: "main", branch, worktreesRoot: root });
}

beforeEach(async () => {
  tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "sb-git-")));
  repo = path.join(tmp, "repo");
  // Where the app keeps a project's attempt worktrees (git in the sandbox is shown those, and no others).
  root = path.join(config().worktreesDir, path.basename(tmp));
  await fs.mkdir(repo);
  await git(repo, ["init", "-q", "-b", "main"]);
  await commitIn(repo, { "README.md": "hello\n", "src/a.txt": "one\ntwo\nthree\n", "old.txt": "x\ny\n" }, "initial");
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.rm(root, { recursive: true, force: true });
});

describe("git runner", () => {
  it("commits with the fixed identity and reports failures as GitError with stderr", async () => {
    expect(await git(repo, ["log", "-1", "--format=%an <%ae>|%cn"])).toBe("Switchboard <switchboard@localhost>|Switchboard");
    const error = await git(repo, ["rev-parse", "--verify", "nope"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).exitCode).toBe(128);
    expect((error as GitError).stderr).toMatch(/fatal/);
  });
});

describe("createAttemptWorktree", () => {
  it("makes a branch and a worktree outside the checkout; the checkout is untouched until merge", async () => {
    const before = await snapshot(repo);
    const head = await git(repo, ["rev-parse", "main"]);
    const wt = await attempt("attempt/one");
    expect(wt.baseCommit).toBe(head);
    expect(wt.path.startsWith(root + path.sep)).toBe(true);
    expect(wt.path.startsWith(repo + path.sep)).toBe(false);
    expect(await git(wt.path, ["rev-parse", "--abbrev-ref", "HEAD"])).toBe("attempt/one");

    await write(wt.path, "src/a.txt", "changed\n");
    await write(wt.path, "new.txt", "new\n");
    expect(await commitAll(wt.path, "agent work")).toMatch(/^[0-9a-f]{40}$/);

    expect(await snapshot(repo)).toEqual(before);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect(await git(repo, ["rev-parse", "main"])).toBe(head);
    expect(await exists(path.join(repo, "new.txt"))).toBe(false);
  });

  it("refuses a worktrees folder inside the checkout, bad names and existing branches", async () => {
    await expect(
      createAttemptWorktree({ repo, baseBranch: "main", branch: "a1", worktreesRoot: path.join(repo, "wt") }),
    ).rejects.toMatchObject({ code: "validation" });
    await expect(attempt("bad..name")).rejects.toMatchObject({ code: "validation" });
    await attempt("a2");
    await expect(attempt("a2")).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createAttemptWorktree({ repo, baseBranch: "nope", branch: "a3", worktreesRoot: root }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("commitAll", () => {
  it("returns the new HEAD, or null when nothing changed", async () => {
    const wt = await attempt("c1");
    expect(await commitAll(wt.path, "nothing")).toBeNull();
    await fs.rm(path.join(wt.path, "old.txt"));
    const head = await commitAll(wt.path, "delete old");
    expect(head).toBe(await git(wt.path, ["rev-parse", "HEAD"]));
    expect(await git(wt.path, ["log", "-1", "--format=%s"])).toBe("delete old");
    expect(await commitAll(wt.path, "again")).toBeNull();
  });
});

describe("diffAgainstBase", () => {
  it("lists files with status, additions, deletions and a unified patch", async () => {
    const wt = await attempt("d1");
    await write(wt.path, "src/a.txt", "one\nTWO\nthree\nfour\n");
    await write(wt.path, "added file.txt", "a\nb\nc\n");
    await fs.rm(path.join(wt.path, "README.md"));
    await fs.rename(path.join(wt.path, "old.txt"), path.join(wt.path, "renamed.txt"));
    await commitAll(wt.path, "changes");

    const diff = await diffAgainstBase(wt.path, wt.baseCommit);
    const byPath = Object.fromEntries(diff.files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(["README.md", "added file.txt", "renamed.txt", "src/a.txt"]);
    expect(byPath["src/a.txt"]).toMatchObject({ status: "modified", additions: 2, deletions: 1 });
    expect(byPath["added file.txt"]).toMatchObject({ status: "added", additions: 3, deletions: 0 });
    expect(byPath["README.md"]).toMatchObject({ status: "deleted", additions: 0, deletions: 1 });
    expect(byPath["renamed.txt"]).toMatchObject({ status: "renamed", oldPath: "old.txt", additions: 0, deletions: 0 });
    expect(diff.patch).toContain("diff --git a/src/a.txt b/src/a.txt");
    expect(diff.patch).toContain("-two\n+TWO\n");
    expect(diff.patch).toContain("rename from old.txt");
    expect(diff.patch).toContain("+++ b/added file.txt");
  });

  it("is empty when nothing was committed", async () => {
    const wt = await attempt("d2");
    expect(await diffAgainstBase(wt.path, wt.baseCommit)).toEqual({ files: [], patch: "" });
  });
});

describe("mergeIntoBase", () => {
  it("fast-forwards the base branch and updates a clean checkout", async () => {
    const wt = await attempt("m1");
    const tip = await commitIn(wt.path, { "feature.txt": "f\n" }, "feature");
    const result = await mergeIntoBase({ repo, branch: "m1", baseBranch: "main", mode: "ff" });
    expect(result).toMatchObject({ status: "merged", kind: "ff", commit: tip, previousCommit: wt.baseCommit });
    expect(result.checkout).toMatchObject({ path: repo, updated: true });
    expect(await git(repo, ["rev-parse", "main"])).toBe(tip);
    expect(await read(repo, "feature.txt")).toBe("f\n");
    expect(await git(repo, ["status", "--porcelain"])).toBe("");

    expect(await mergeIntoBase({ repo, branch: "m1", baseBranch: "main", mode: "ff" })).toMatchObject({
      status: "up-to-date",
    });
  });

  it("refuses to fast-forward when the base moved on, changing nothing", async () => {
    const wt = await attempt("m2");
    await commitIn(wt.path, { "feature.txt": "f\n" }, "feature");
    const moved = await commitIn(repo, { "other.txt": "o\n" }, "elsewhere");
    await expect(mergeIntoBase({ repo, branch: "m2", baseBranch: "main", mode: "ff" })).rejects.toBeInstanceOf(
      MergeConflictError,
    );
    expect(await git(repo, ["rev-parse", "main"])).toBe(moved);
  });

  it("makes a merge commit with both parents when the base moved on", async () => {
    const wt = await attempt("m3");
    const tip = await commitIn(wt.path, { "feature.txt": "f\n" }, "feature");
    const moved = await commitIn(repo, { "other.txt": "o\n" }, "elsewhere");
    const result = await mergeIntoBase({ repo, branch: "m3", baseBranch: "main", mode: "merge" });
    expect(result).toMatchObject({ status: "merged", kind: "merge", previousCommit: moved });
    expect(await git(repo, ["rev-parse", "main"])).toBe(result.commit);
    expect(await git(repo, ["rev-parse", "main^1", "main^2"])).toBe(`${moved}\n${tip}`);
    expect(await git(repo, ["log", "-1", "--format=%s", "main"])).toBe("Merge branch 'm3' into main");
    expect(await read(repo, "feature.txt")).toBe("f\n");
    expect(await read(repo, "other.txt")).toBe("o\n");
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });

  it("leaves a dirty checkout's files alone and says so", async () => {
    const wt = await attempt("m4");
    await commitIn(wt.path, { "feature.txt": "f\n" }, "feature");
    await write(repo, "README.md", "local edit\n");
    const result = await mergeIntoBase({ repo, branch: "m4", baseBranch: "main", mode: "ff" });
    expect(result.checkout).toMatchObject({ path: repo, updated: false });
    expect(result.checkout?.reason).toMatch(/uncommitted/);
    expect(await read(repo, "README.md")).toBe("local edit\n");
    expect(await exists(path.join(repo, "feature.txt"))).toBe(false);
  });

  it("refuses a conflict with a 409 listing the files; base ref, status and files unchanged byte for byte", async () => {
    const wt = await attempt("m5");
    await commitIn(wt.path, { "src/a.txt": "one\nATTEMPT\nthree\n", "feature.txt": "f\n" }, "attempt edit");
    await commitIn(repo, { "src/a.txt": "one\nUSER\nthree\n" }, "user edit");
    // Uncommitted and untracked state in the checkout must survive too.
    await write(repo, "README.md", "work in progress\n");
    await write(repo, "scratch.txt", "untracked\n");
    await git(repo, ["add", "README.md"]);
    await write(repo, "README.md", "work in progress, more\n");

    const ref = await git(repo, ["rev-parse", "main"]);
    const status = await git(repo, ["status", "--porcelain"]);
    const files = await snapshot(repo);
    const index = await fs.readFile(path.join(repo, ".git", "index"));

    for (const mode of ["merge", "ff"] as const) {
      const error = await mergeIntoBase({ repo, branch: "m5", baseBranch: "main", mode }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MergeConflictError);
      expect((error as AppError).status).toBe(409);
      if (mode === "merge") {
        expect((error as MergeConflictError).files).toEqual(["src/a.txt"]);
        expect((error as Error).message).toContain("src/a.txt");
      }
      expect(await git(repo, ["rev-parse", "main"])).toBe(ref);
      expect(await git(repo, ["status", "--porcelain"])).toBe(status);
      expect(await snapshot(repo)).toEqual(files);
      expect(await fs.readFile(path.join(repo, ".git", "index"))).toEqual(index);
      expect(await exists(path.join(repo, ".git", "MERGE_HEAD"))).toBe(false);
    }
  });
});

describe("rebaseOntoBase", () => {
  it("replays the attempt onto the latest base", async () => {
    const wt = await attempt("r1");
    await commitIn(wt.path, { "feature.txt": "f\n" }, "feature");
    const moved = await commitIn(repo, { "other.txt": "o\n" }, "elsewhere");
    const result = await rebaseOntoBase(wt.path, "main");
    expect(result).toMatchObject({ rebased: true, baseCommit: moved });
    expect(await git(wt.path, ["rev-parse", "HEAD^"])).toBe(moved);
    expect(await read(wt.path, "other.txt")).toBe("o\n");
    expect(await read(wt.path, "feature.txt")).toBe("f\n");
    expect(await mergeIntoBase({ repo, branch: "r1", baseBranch: "main", mode: "ff" })).toMatchObject({
      kind: "ff",
      commit: result.head,
    });
    expect(await rebaseOntoBase(wt.path, "main")).toMatchObject({ rebased: false });
  });

  it("aborts on a conflict, reports the files and restores the worktree", async () => {
    const wt = await attempt("r2");
    const head = await commitIn(wt.path, { "src/a.txt": "one\nATTEMPT\nthree\n" }, "attempt edit");
    await commitIn(repo, { "src/a.txt": "one\nUSER\nthree\n" }, "user edit");
    const error = await rebaseOntoBase(wt.path, "main").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MergeConflictError);
    expect((error as MergeConflictError).files).toEqual(["src/a.txt"]);
    expect(await git(wt.path, ["rev-parse", "HEAD"])).toBe(head);
    expect(await git(wt.path, ["rev-parse", "--abbrev-ref", "HEAD"])).toBe("r2");
    expect(await git(wt.path, ["status", "--porcelain"])).toBe("");
    expect(await read(wt.path, "src/a.txt")).toBe("one\nATTEMPT\nthree\n");
  });
});

describe("discardWorktree", () => {
  it("removes the worktree, its uncommitted work and its branch, and nothing else", async () => {
    const wt = await attempt("x1");
    await commitIn(wt.path, { "feature.txt": "f\n" }, "feature");
    await write(wt.path, "uncommitted.txt", "u\n");
    const before = await snapshot(repo);
    await discardWorktree(repo, wt.path, "x1");
    expect(await exists(wt.path)).toBe(false);
    expect(await git(repo, ["branch", "--list", "x1"])).toBe("");
    expect((await listWorktrees(repo)).map((w) => w.path)).toEqual([repo]);
    expect(await snapshot(repo)).toEqual(before);
    await expect(discardWorktree(repo, repo, "main")).rejects.toMatchObject({ code: "validation" });
  });
});

describe("cleanupWorktrees", () => {
  it("removes old merged and discarded worktrees and keeps unmerged, recent and kept ones", async () => {
    const merged = await attempt("merged");
    await commitIn(merged.path, { "m.txt": "m\n" }, "merged work");
    await mergeIntoBase({ repo, branch: "merged", baseBranch: "main", mode: "merge" });
    const unmerged = await attempt("unmerged");
    await commitIn(unmerged.path, { "u.txt": "u\n" }, "unmerged work");
    const discarded = await attempt("discarded");
    await commitIn(discarded.path, { "d.txt": "d\n" }, "discarded work");
    const dirty = await attempt("dirty");
    await write(dirty.path, "left.txt", "uncommitted\n");
    const running = await attempt("running");

    // Nothing is old yet.
    const now = await cleanupWorktrees({ repo, worktreesRoot: root, baseBranch: "main", discarded: (b) => b === "discarded" });
    expect(now.removed).toEqual([]);

    const later = Date.now() + 73 * 60 * 60 * 1000;
    const result = await cleanupWorktrees({
      repo,
      worktreesRoot: root,
      baseBranch: "main",
      keep: (b) => b === "running",
      discarded: (b) => b === "discarded",
      now: later,
    });
    expect(result.removed.map((r) => [r.branch, r.reason]).sort()).toEqual([
      ["discarded", "discarded"],
      ["merged", "merged"],
    ]);
    const kept = Object.fromEntries(result.kept.map((k) => [k.branch, k.reason]));
    expect(kept).toEqual({ unmerged: "unmerged", dirty: "uncommitted changes", running: "kept" });

    expect(await exists(merged.path)).toBe(false);
    expect(await exists(discarded.path)).toBe(false);
    expect(await exists(unmerged.path)).toBe(true);
    expect(await read(dirty.path, "left.txt")).toBe("uncommitted\n");
    expect(await exists(running.path)).toBe(true);
    expect(await git(repo, ["branch", "--list", "merged", "discarded"])).toBe("");
    expect(await git(repo, ["rev-parse", "--verify", "unmerged"])).toMatch(/^[0-9a-f]{40}$/);

    // A shorter, configurable age.
    const short = await cleanupWorktrees({ repo, worktreesRoot: root, baseBranch: "main", olderThanMs: 0, discarded: () => true, keep: (b) => b !== "running" });
    expect(short.removed.map((r) => r.branch)).toEqual(["running"]);
  });
});
