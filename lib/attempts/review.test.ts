import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { merges, tasks, taskAttempts } from "@/db/schema";
import { apiAccount } from "@/tests/api";
import { getAttempt, startAttempt } from "./attempts";
import { cleanupAttemptWorktrees } from "./cleanup";
import { attemptDiff, discardAttempt, mergeAttempt, rebaseAttempt } from "./review";
import { exists, fixture, read, runJob, sh } from "./test-helpers";

async function finishedAttempt(f: Awaited<ReturnType<typeof fixture>>, prompt = "note") {
  const attempt = await startAttempt(f.userId, f.taskId, { agentId: f.agentId, prompt });
  await runJob(attempt.id);
  return getAttempt(f.userId, attempt.id);
}

/** Moves main on in the project's own checkout. */
function commitOnMain(repo: string, file: string, content: string) {
  fs.writeFileSync(path.join(repo, file), content);
  sh(repo, "add", "-A");
  sh(repo, "commit", "-q", "-m", `edit ${file}`);
}

const worktreeOf = async (id: string) => (await db().select({ p: taskAttempts.worktreePath }).from(taskAttempts).where(eq(taskAttempts.id, id)))[0]!.p!;

describe("merging, rebasing, discarding and cleaning up attempts", () => {
  it("fast-forwards main when it has not moved, updates the checkout, and marks the task done", async () => {
    const f = await finishedAttempt0();
    const result = await mergeAttempt(f.userId, f.attempt.id, {});
    expect(result).toMatchObject({ status: "merged", kind: "ff", commit: f.attempt.headCommit, checkoutUpdated: true });
    expect(result.attempt.mergedAt).not.toBeNull();
    expect(sh(f.repo, "rev-parse", "main")).toBe(f.attempt.headCommit);
    expect(read(f.repo, "notes.txt")).toBe("note\n");
    const [task] = await db().select({ s: tasks.status }).from(tasks).where(eq(tasks.id, f.taskId));
    expect(task!.s).toBe("done");
    const [row] = await db().select({ kind: merges.kind, commit: merges.mergeCommit }).from(merges).where(eq(merges.attemptId, f.attempt.id));
    expect(row).toEqual({ kind: "direct", commit: f.attempt.headCommit });
    await expect(mergeAttempt(f.userId, f.attempt.id, {})).rejects.toMatchObject({ code: "conflict" });
  });

  it("makes a merge commit when main moved on (default), and ff mode then refuses with 409", async () => {
    const f = await finishedAttempt0();
    commitOnMain(f.repo, "other.txt", "other\n");
    await expect(mergeAttempt(f.userId, f.attempt.id, { mode: "ff" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("cannot be fast-forwarded") });
    const result = await mergeAttempt(f.userId, f.attempt.id, {});
    expect(result.kind).toBe("merge");
    expect(sh(f.repo, "rev-list", "--parents", "-n", "1", "main").split(" ")).toHaveLength(3);
    expect(read(f.repo, "notes.txt")).toBe("note\n");
    expect(read(f.repo, "other.txt")).toBe("other\n");
  });

  it("a conflict is refused with 409 naming the file; main and the checkout are byte-for-byte as they were", async () => {
    const f = await finishedAttempt0();
    commitOnMain(f.repo, "notes.txt", "mine\n");
    fs.writeFileSync(path.join(f.repo, "README.md"), "uncommitted edit\n");
    const mainBefore = sh(f.repo, "rev-parse", "main");
    const statusBefore = sh(f.repo, "status", "--porcelain");
    await expect(mergeAttempt(f.userId, f.attempt.id, { mode: "merge" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("notes.txt") });
    expect(sh(f.repo, "rev-parse", "main")).toBe(mainBefore);
    expect(sh(f.repo, "status", "--porcelain")).toBe(statusBefore);
    expect(read(f.repo, "notes.txt")).toBe("mine\n");
    expect(read(f.repo, "README.md")).toBe("uncommitted edit\n");
    expect((await getAttempt(f.userId, f.attempt.id)).mergedAt).toBeNull();
    // Rebase on the same conflict is refused too, and the worktree stays at its commit.
    await expect(rebaseAttempt(f.userId, f.attempt.id)).rejects.toMatchObject({ code: "conflict" });
    expect(sh(await worktreeOf(f.attempt.id), "rev-parse", "HEAD")).toBe(f.attempt.headCommit);
  });

  it("rebases onto the latest main, after which a fast-forward works", async () => {
    const f = await finishedAttempt0();
    commitOnMain(f.repo, "other.txt", "other\n");
    const { attempt, rebased } = await rebaseAttempt(f.userId, f.attempt.id);
    expect(rebased).toBe(true);
    expect(attempt.baseCommit).toBe(sh(f.repo, "rev-parse", "main"));
    expect((await attemptDiff(f.userId, f.attempt.id)).files.map((x) => x.path)).toEqual(["notes.txt"]);
    expect((await mergeAttempt(f.userId, f.attempt.id, { mode: "ff" })).kind).toBe("ff");
  });

  it("discard removes the worktree and branch, leaving the checkout alone", async () => {
    const f = await finishedAttempt0();
    const worktree = await worktreeOf(f.attempt.id);
    const discarded = await discardAttempt(f.userId, f.attempt.id);
    expect(discarded.discardedAt).not.toBeNull();
    expect(fs.existsSync(worktree)).toBe(false);
    expect(sh(f.repo, "branch", "--list", f.attempt.branch)).toBe("");
    expect(exists(f.repo, "notes.txt")).toBe(false);
  });

  it("cleanup removes merged and discarded worktrees past the TTL, never unmerged work", async () => {
    const f = await fixture();
    const merged = await finishedAttempt(f, "merged");
    await mergeAttempt(f.userId, merged.id, { mode: "merge" });
    const unmerged = await finishedAttempt(f, "unmerged");
    const discarded = await finishedAttempt(f, "discarded");
    // "Discarded" as the cleanup sees it: flagged, its folder still there.
    await db().update(taskAttempts).set({ discardedAt: new Date().toISOString() }).where(eq(taskAttempts.id, discarded.id));
    const paths = { merged: await worktreeOf(merged.id), unmerged: await worktreeOf(unmerged.id), discarded: await worktreeOf(discarded.id) };

    expect((await cleanupAttemptWorktrees()).removed).toBe(0); // all recent (72 h TTL)
    const later = Date.now() + 73 * 60 * 60 * 1000;
    const result = await cleanupAttemptWorktrees({ now: later });
    expect(result.errors).toEqual([]); // (earlier tests' merged attempts go too: one database per file)
    expect(fs.existsSync(paths.merged)).toBe(false);
    expect(fs.existsSync(paths.discarded)).toBe(false);
    expect(fs.existsSync(paths.unmerged)).toBe(true);
    expect((await getAttempt(f.userId, merged.id)).worktreeCleanedAt).not.toBeNull();
    expect((await getAttempt(f.userId, unmerged.id)).worktreeCleanedAt).toBeNull();
    // A cleaned attempt's diff still comes from its commits.
    expect((await attemptDiff(f.userId, merged.id)).files[0]?.path).toBe("notes.txt");
  });

  it("another user's attempt is not found for every operation", async () => {
    const f = await finishedAttempt0();
    const stranger = await apiAccount("merge-stranger@example.test");
    for (const op of [() => mergeAttempt(stranger.id, f.attempt.id, {}), () => rebaseAttempt(stranger.id, f.attempt.id), () => discardAttempt(stranger.id, f.attempt.id), () => attemptDiff(stranger.id, f.attempt.id)]) {
      await expect(op()).rejects.toMatchObject({ code: "not_found" });
    }
  });
});

async function finishedAttempt0() {
  const f = await fixture();
  return { ...f, attempt: await finishedAttempt(f) };
}
