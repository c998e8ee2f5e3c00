import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { db } from "@/db/client";
import { merges, tasks, taskAttempts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { config } from "@/lib/config";
import { git, gitRun } from "@/lib/git/git";
import { diffAgainstBase } from "@/lib/git/diff";
import { mergeIntoBase, rebaseOntoBase } from "@/lib/git/merge";
import { headsRef, isAncestor, isInside, realpathOrSelf, revParse } from "@/lib/git/refs";
import { discardWorktree } from "@/lib/git/worktrees";
import { newId, nowIso } from "@/lib/domain/ids";
import { attemptContext, cancelAttempt, getAttempt, type AttemptContext } from "./attempts";
import type { AttemptDiffView, MergeInput } from "./schemas";

/** Merge, rebase, discard and diff of an attempt; every one checks the attempt is the caller's first. */

function assertIdle(a: AttemptContext, what: string) {
  if (a.status === "queued" || a.status === "running") {
    throw new AppError("conflict", `The attempt is still ${a.status}; wait for it to finish (or cancel it) before you ${what}.`);
  }
  if (a.discardedAt) throw new AppError("conflict", "This attempt was discarded.");
}

const repositoryUsable = (projectPath: string) => gitRun(projectPath, ["rev-parse", "--git-dir"]).then(() => true, () => false);

/** The project's folder must still be a git repository: a deleted or moved folder is a clear 409, not a git failure. */
async function assertRepository(a: AttemptContext) {
  if (!(await repositoryUsable(a.projectPath))) {
    throw new AppError("conflict", "The project's folder is gone or is no longer a git repository, so the attempt's branch cannot be reached.");
  }
}

async function worktreeExists(a: AttemptContext): Promise<boolean> {
  if (!a.worktreePath || a.worktreeCleanedAt) return false;
  return fs.stat(a.worktreePath).then(() => true, () => false);
}

/** How many commits the attempt's branch has that its base branch lacks; null when either branch is gone. */
async function commitsAhead(a: AttemptContext): Promise<number | null> {
  if (!a.baseBranch) return null;
  const { stdout, exitCode } = await gitRun(a.projectPath, ["rev-list", "--count", `${headsRef(a.baseBranch)}..${headsRef(a.branch)}`], { okExitCodes: [128] });
  return exitCode === 0 ? Number(stdout.trim()) : null;
}

/** What the attempt panel needs to offer Merge honestly: the commits it would merge (null: unknown, e.g. the branch is gone). */
export async function attemptCommitsAhead(userId: string, attemptId: string): Promise<number | null> {
  const a = await attemptContext(userId, attemptId);
  if (!(await repositoryUsable(a.projectPath))) return null;
  return commitsAhead(a);
}

/**
 * Merge the attempt's branch into its base branch. Refused (409) when the
 * branch has no commits ahead of its base (nothing to merge: a merge would
 * only mark the task done), and when the attempt failed or was cancelled
 * unless `confirmFailed` says the caller means it. Without a mode:
 * fast-forward when the base has not moved, else a merge commit. A conflict
 * is a 409 naming the files, and nothing (refs, checkout) is changed.
 */
export async function mergeAttempt(userId: string, attemptId: string, input: MergeInput) {
  const a = await attemptContext(userId, attemptId);
  assertIdle(a, "merge");
  if (a.mergedAt) throw new AppError("conflict", "This attempt was merged already.");
  await assertRepository(a);
  const baseBranch = a.baseBranch;
  if (!baseBranch || !(await revParse(a.projectPath, headsRef(a.branch)))) {
    throw new AppError("conflict", "The attempt's branch no longer exists, so there is nothing to merge.");
  }
  if (!(await revParse(a.projectPath, headsRef(baseBranch)))) {
    throw new AppError("conflict", `The base branch ${baseBranch} no longer exists in the project's repository, so there is nothing to merge into.`);
  }
  if ((await commitsAhead(a)) === 0) throw new LocalizedError("conflict", { key: "attempts.merge.nothing", vars: { base: baseBranch } });
  if ((a.status === "failed" || a.status === "cancelled") && !input.confirmFailed) {
    throw new LocalizedError("conflict", { key: a.status === "failed" ? "attempts.merge.failedUnconfirmed" : "attempts.merge.cancelledUnconfirmed" });
  }
  // Claim the merge before touching git: only an idle, unmerged attempt, in one UPDATE. A second merge
  // and a follow-up (which needs merged_at empty) sent meanwhile are refused instead of running alongside.
  const at = nowIso();
  const claimed = await db()
    .update(taskAttempts)
    .set({ mergedAt: at, updatedAt: at })
    .where(
      and(
        eq(taskAttempts.id, attemptId),
        isNull(taskAttempts.mergedAt),
        isNull(taskAttempts.discardedAt),
        notInArray(taskAttempts.status, ["queued", "running"]),
      ),
    )
    .returning({ id: taskAttempts.id });
  if (claimed.length === 0) {
    assertIdle(await attemptContext(userId, attemptId), "merge");
    throw new AppError("conflict", "This attempt was merged already.");
  }
  let result;
  try {
    let mode = input.mode;
    if (!mode) {
      const base = await git(a.projectPath, ["rev-parse", headsRef(baseBranch)]);
      mode = (await isAncestor(a.projectPath, base, headsRef(a.branch))) ? "ff" : "merge";
    }
    result = await mergeIntoBase({ repo: a.projectPath, branch: a.branch, baseBranch, mode, message: `Merge ${a.branch}: ${a.taskTitle}` });
  } catch (error) {
    // Nothing was merged: give the claim back.
    await db().update(taskAttempts).set({ mergedAt: null }).where(and(eq(taskAttempts.id, attemptId), eq(taskAttempts.mergedAt, at)));
    throw error;
  }
  await db().batch([
    db().insert(merges).values({ id: newId(), attemptId, kind: "direct", mergeCommit: result.commit }),
    db().update(tasks).set({ status: "done", updatedAt: at }).where(and(eq(tasks.id, a.taskId), eq(tasks.userId, userId))),
  ]);
  return {
    attempt: await getAttempt(userId, attemptId),
    status: result.status,
    kind: result.kind,
    commit: result.commit,
    checkoutUpdated: result.checkout ? result.checkout.updated : null,
    checkoutMessage: result.checkout?.reason ?? null,
  };
}

/** Replay the attempt's commits onto the latest base branch; a conflict is a 409 and the worktree is left as it was. */
export async function rebaseAttempt(userId: string, attemptId: string) {
  const a = await attemptContext(userId, attemptId);
  assertIdle(a, "rebase");
  if (a.mergedAt) throw new AppError("conflict", "This attempt was merged already.");
  await assertRepository(a);
  if (!(await worktreeExists(a)) || !a.baseBranch) throw new AppError("conflict", "The attempt's worktree is gone, so it cannot be rebased.");
  const result = await rebaseOntoBase(a.worktreePath!, a.baseBranch);
  await db()
    .update(taskAttempts)
    .set({ baseCommit: result.baseCommit, headCommit: result.head, afterCommit: result.head, updatedAt: nowIso() })
    .where(eq(taskAttempts.id, attemptId));
  return { attempt: await getAttempt(userId, attemptId), rebased: result.rebased };
}

/** The project's repository is gone: remove the worktree folder itself, but only inside DATA_DIR/worktrees. */
async function removeWorktreeFolder(worktreePath: string) {
  const root = await realpathOrSelf(config().worktreesDir);
  const target = path.resolve(worktreePath);
  if (target !== root && isInside(target, root)) await fs.rm(target, { recursive: true, force: true });
}

/** Throw the attempt away: its worktree (uncommitted work included) and, unless merged, its branch. */
export async function discardAttempt(userId: string, attemptId: string) {
  let a = await attemptContext(userId, attemptId);
  if (a.discardedAt) return getAttempt(userId, attemptId);
  if (a.status === "queued" || a.status === "running") {
    await cancelAttempt(userId, attemptId);
    a = await attemptContext(userId, attemptId);
  }
  if (a.worktreePath) {
    if (await repositoryUsable(a.projectPath)) await discardWorktree(a.projectPath, a.worktreePath, a.branch);
    else await removeWorktreeFolder(a.worktreePath);
  }
  const at = nowIso();
  await db()
    .update(taskAttempts)
    .set({ discardedAt: at, worktreeCleanedAt: a.worktreeCleanedAt ?? at, updatedAt: at })
    .where(and(eq(taskAttempts.id, attemptId), isNull(taskAttempts.discardedAt)));
  await db().update(taskAttempts).set({ status: "cancelled" }).where(and(eq(taskAttempts.id, attemptId), inArray(taskAttempts.status, ["queued", "running"])));
  return getAttempt(userId, attemptId);
}

/**
 * What the attempt changed against its base commit: from its worktree, or
 * from its branch once the worktree was cleaned; 409 when both are gone.
 */
export async function attemptDiff(userId: string, attemptId: string): Promise<AttemptDiffView> {
  const a = await attemptContext(userId, attemptId);
  if (!a.baseCommit) return { files: [], additions: 0, deletions: 0, patch: "" };
  await assertRepository(a);
  let diff;
  if (await worktreeExists(a)) diff = await diffAgainstBase(a.worktreePath!, a.baseCommit);
  else if (await revParse(a.projectPath, headsRef(a.branch))) diff = await diffAgainstBase(a.projectPath, a.baseCommit, headsRef(a.branch));
  else if (a.headCommit && (await revParse(a.projectPath, a.headCommit))) diff = await diffAgainstBase(a.projectPath, a.baseCommit, a.headCommit);
  else throw new AppError("conflict", "The attempt's worktree and branch are gone, so its diff is no longer available.");
  const additions = diff.files.reduce((n, f) => n + f.additions, 0);
  const deletions = diff.files.reduce((n, f) => n + f.deletions, 0);
  return { files: diff.files, additions, deletions, patch: diff.patch };
}
