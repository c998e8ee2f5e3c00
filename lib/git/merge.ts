import "server-only";
import { AppError } from "@/lib/errors";
import { git, gitRun, GitError } from "./git";
import { branchCommit, headsRef, isAncestor, isClean, listWorktrees, mainWorktree } from "./refs";

/** A merge or rebase that git cannot do without a human. Maps to 409. */
export class MergeConflictError extends AppError {
  constructor(
    public readonly files: string[],
    message?: string,
  ) {
    super(
      "conflict",
      message ??
        (files.length
          ? `The changes conflict with the base branch in ${files.length} file(s): ${files.join(", ")}. Nothing was changed.`
          : "The changes cannot be applied to the base branch. Nothing was changed."),
    );
    this.name = "MergeConflictError";
  }
}

// ---------------------------------------------------------------- helpers

export type MergeMode = "ff" | "merge";

export type MergeResult = {
  status: "merged" | "up-to-date";
  /** "ff" when the base branch now points at the attempt's tip, "merge" when a merge commit was made. */
  kind: MergeMode | null;
  previousCommit: string;
  commit: string;
  /**
   * The checkout that had the base branch checked out, if any. Its files are
   * brought up to date only when it had no uncommitted changes; otherwise it is
   * left alone (its HEAD moved with the branch, so `git status` there shows the
   * merged changes as undone until the user runs `git reset --keep HEAD` or similar).
   */
  checkout: { path: string; updated: boolean; reason?: string } | null;
};

async function conflictFiles(repo: string, baseCommit: string, tip: string): Promise<{ tree: string | null; files: string[] }> {
  const { stdout, exitCode } = await gitRun(
    repo,
    ["merge-tree", "--write-tree", "--name-only", "--no-messages", "-z", baseCommit, tip],
    { okExitCodes: [1] },
  );
  const [tree = "", ...rest] = stdout.split("\0");
  if (exitCode === 0) return { tree: tree.trim(), files: [] };
  return { tree: null, files: [...new Set(rest.filter(Boolean))] };
}

/**
 * Merges `branch` into `baseBranch` without touching any checkout unless it
 * succeeds: the merge is computed with `git merge-tree --write-tree` (objects
 * only), committed with `commit-tree`, and the base branch is moved with
 * `update-ref <new> <old>` so a concurrent change to it is refused, not lost.
 * A conflict throws MergeConflictError and changes nothing.
 */
export async function mergeIntoBase(input: {
  repo: string;
  branch: string;
  baseBranch: string;
  mode: MergeMode;
  message?: string;
}): Promise<MergeResult> {
  const repo = await mainWorktree(input.repo);
  const base = await branchCommit(repo, input.baseBranch);
  const tip = await branchCommit(repo, input.branch);

  if (await isAncestor(repo, tip, base)) {
    return { status: "up-to-date", kind: null, previousCommit: base, commit: base, checkout: null };
  }

  let next: string;
  if (input.mode === "ff") {
    if (!(await isAncestor(repo, base, tip))) {
      throw new MergeConflictError(
        [],
        `${input.baseBranch} has moved on since the attempt started, so it cannot be fast-forwarded. Rebase the attempt or merge with a merge commit. Nothing was changed.`,
      );
    }
    next = tip;
  } else {
    const { tree, files } = await conflictFiles(repo, base, tip);
    if (!tree) throw new MergeConflictError(files);
    const message = input.message ?? `Merge branch '${input.branch}' into ${input.baseBranch}`;
    next = await git(repo, ["commit-tree", tree, "-p", base, "-p", tip, "-m", message]);
  }

  // Look at the checkout holding the base branch before moving it: afterwards
  // its HEAD already points at the new commit and every file would look changed.
  const holder = (await listWorktrees(repo)).find((w) => w.branch === input.baseBranch && !w.prunable);
  const holderClean = holder ? await isClean(holder.path, false) : false;

  try {
    await git(repo, [
      "update-ref",
      "-m",
      `switchboard: merge ${input.branch} (${input.mode})`,
      headsRef(input.baseBranch),
      next,
      base,
    ]);
  } catch (error) {
    if (error instanceof GitError) {
      throw new AppError("conflict", `${input.baseBranch} changed while merging; try again. Nothing was changed.`);
    }
    throw error;
  }

  let checkout: MergeResult["checkout"] = null;
  if (holder) {
    if (!holderClean) {
      checkout = { path: holder.path, updated: false, reason: "The checkout has uncommitted changes; its files were left as they were." };
    } else {
      try {
        // Two-tree merge from the old to the new commit: updates index and files,
        // refuses (changing nothing) if it would overwrite an untracked file.
        await git(holder.path, ["read-tree", "-m", "-u", base, next]);
        checkout = { path: holder.path, updated: true };
      } catch (error) {
        checkout = {
          path: holder.path,
          updated: false,
          reason: `The checkout's files could not be updated: ${error instanceof GitError ? error.stderr.trim() : String(error)}`,
        };
      }
    }
  }

  return { status: "merged", kind: input.mode, previousCommit: base, commit: next, checkout };
}

// ---------------------------------------------------------------- rebase

export type RebaseResult = { previousHead: string; head: string; baseCommit: string; rebased: boolean };

/**
 * Replays the attempt's commits onto the latest `baseBranch`. On a conflict
 * the rebase is aborted, the worktree is back where it was, and a
 * MergeConflictError lists the files.
 */
export async function rebaseOntoBase(worktree: string, baseBranch: string): Promise<RebaseResult> {
  const previousHead = await git(worktree, ["rev-parse", "HEAD"]);
  const baseCommit = await branchCommit(worktree, baseBranch);
  if (!(await isClean(worktree, false))) {
    throw new AppError("conflict", "The attempt has uncommitted changes; commit them before rebasing.");
  }
  if (await isAncestor(worktree, baseCommit, previousHead)) {
    return { previousHead, head: previousHead, baseCommit, rebased: false };
  }
  try {
    await git(worktree, ["rebase", "--no-autosquash", "--no-update-refs", baseCommit], { timeoutMs: 120_000 });
  } catch (error) {
    const conflicted = await git(worktree, ["diff", "--name-only", "--diff-filter=U", "-z"]).catch(() => "");
    await gitRun(worktree, ["rebase", "--abort"], { okExitCodes: [1, 128] });
    if ((await git(worktree, ["rev-parse", "HEAD"])) !== previousHead) {
      await git(worktree, ["reset", "-q", "--hard", previousHead]);
    }
    const files = [...new Set(conflicted.split("\0").filter(Boolean))];
    if (files.length) throw new MergeConflictError(files);
    throw new MergeConflictError(
      [],
      `The attempt could not be rebased onto ${baseBranch}: ${error instanceof GitError ? error.stderr.trim() : String(error)}. Nothing was changed.`,
    );
  }
  return { previousHead, head: await git(worktree, ["rev-parse", "HEAD"]), baseCommit, rebased: true };
}

// ---------------------------------------------------------------- discard / cleanup
