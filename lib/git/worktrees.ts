import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { git, gitRun } from "./git";
import { assertBranchName, branchCommit, headsRef, isAncestor, isClean, isInside, listWorktrees, mainWorktree, realpathOrSelf, revParse } from "./refs";

export { listWorktrees, type WorktreeInfo } from "./refs";

/**
 * Attempts run in their own git worktree on their own branch, outside the
 * project's checkout, so the user's files are untouched until a merge.
 * Everything here is plain git through `git()`; no database, no UI.
 */

export const DEFAULT_WORKTREE_TTL_MS = 72 * 60 * 60 * 1000;

export type CreateAttemptWorktreeInput = {
  repo: string;
  baseBranch: string;
  branch: string;
  /** A folder outside the repository's checkout (e.g. DATA_DIR/worktrees/<project>). */
  worktreesRoot: string;
};

/** Makes `branch` at the tip of `baseBranch` and checks it out in a new worktree under `worktreesRoot`. */
export async function createAttemptWorktree(
  input: CreateAttemptWorktreeInput,
): Promise<{ path: string; baseCommit: string }> {
  const repoTop = await realpathOrSelf(await mainWorktree(input.repo));
  await assertBranchName(repoTop, input.branch);
  await assertBranchName(repoTop, input.baseBranch);
  const baseCommit = await branchCommit(repoTop, input.baseBranch);
  if (await revParse(repoTop, headsRef(input.branch))) {
    throw new AppError("conflict", `Branch already exists: ${input.branch}`);
  }

  await fs.mkdir(input.worktreesRoot, { recursive: true });
  const root = await fs.realpath(input.worktreesRoot);
  if (isInside(root, repoTop)) {
    throw new AppError("validation", "The worktrees folder must be outside the project's checkout");
  }
  const dir = path.join(root, input.branch.replace(/[^A-Za-z0-9._-]+/g, "-"));
  if (
    await fs
      .stat(dir)
      .then(() => true)
      .catch(() => false)
  ) {
    throw new AppError("conflict", `Worktree folder already exists: ${dir}`);
  }

  await git(repoTop, ["worktree", "add", "-q", "-b", input.branch, dir, baseCommit], { binds: [root] });
  return { path: dir, baseCommit };
}

/** Stages everything in the worktree (new, changed, deleted) and commits it. Null when nothing changed. */
export async function commitAll(worktree: string, message: string): Promise<string | null> {
  await git(worktree, ["add", "-A"]);
  const { exitCode } = await gitRun(worktree, ["diff", "--cached", "--quiet"], { okExitCodes: [1] });
  if (exitCode === 0) return null;
  await git(worktree, ["commit", "-q", "--no-verify", "-m", message]);
  return git(worktree, ["rev-parse", "HEAD"]);
}

// ---------------------------------------------------------------- diff

async function removeWorktree(repo: string, worktreePath: string, branch: string | null): Promise<void> {
  await gitRun(repo, ["worktree", "remove", "--force", "--force", worktreePath], { okExitCodes: [128] });
  await fs.rm(worktreePath, { recursive: true, force: true });
  await git(repo, ["worktree", "prune"]);
  if (branch && (await revParse(repo, headsRef(branch)))) {
    await git(repo, ["branch", "-q", "-D", branch]);
  }
}

/**
 * Removes a worktree folder no attempt owns any more (its task or project was
 * deleted) but keeps its branch, so every commit stays in the repository.
 * `repo` null (the project is gone): only the folder goes. Never the
 * repository's own checkout.
 */
export async function removeOrphanWorktree(repo: string | null, worktreePath: string): Promise<void> {
  const repoTop = repo ? await mainWorktree(repo).catch(() => null) : null;
  if (repoTop && (await realpathOrSelf(repoTop)) === (await realpathOrSelf(worktreePath))) {
    throw new AppError("validation", "Refusing to remove the project's own checkout");
  }
  if (repoTop) await removeWorktree(repoTop, worktreePath, null);
  else await fs.rm(worktreePath, { recursive: true, force: true });
}

/** Throws away an attempt: its worktree (uncommitted work included) and its branch. */
export async function discardWorktree(repo: string, worktreePath: string, branch: string): Promise<void> {
  const list = await listWorktrees(repo);
  const main = list[0];
  const target = await realpathOrSelf(worktreePath);
  const entry = list.slice(1).find((w) => w.path === target || w.path === worktreePath);
  if (main && (main.path === target || main.branch === branch)) {
    throw new AppError("validation", "Refusing to discard the project's own checkout or its branch");
  }
  if (entry && entry.branch !== null && entry.branch !== branch) {
    throw new AppError("validation", `The worktree is on ${entry.branch}, not ${branch}`);
  }
  if (!entry) {
    // Already gone: only the branch may be left.
    if (await revParse(repo, headsRef(branch))) await git(repo, ["branch", "-q", "-D", branch]);
    return;
  }
  await removeWorktree(repo, entry.path, branch);
}

export type CleanupInput = {
  repo: string;
  /** Only worktrees under this folder are considered. */
  worktreesRoot: string;
  /** The branch attempts merge into; a worktree is "merged" when its branch tip is in it. */
  baseBranch: string;
  /** Age after which a finished worktree may go (default 72 hours). */
  olderThanMs?: number;
  /** True for branches that must stay (e.g. attempts still running). */
  keep?: (branch: string) => boolean;
  /** True for branches the user discarded: removed even with unmerged work. */
  discarded?: (branch: string) => boolean;
  /** When the attempt finished; default is the later of its last commit and the folder's last change. */
  finishedAt?: (branch: string) => Date | undefined;
  now?: number;
};

export type CleanupResult = {
  removed: { path: string; branch: string; reason: "merged" | "discarded" }[];
  kept: { path: string; branch: string | null; reason: string }[];
};

/**
 * Removes worktrees of finished attempts older than `olderThanMs`, only when
 * their branch is merged into the base (and nothing uncommitted is left) or
 * the attempt was discarded. Unmerged work is never removed otherwise.
 */
export async function cleanupWorktrees(input: CleanupInput): Promise<CleanupResult> {
  const ttl = input.olderThanMs ?? DEFAULT_WORKTREE_TTL_MS;
  const now = input.now ?? Date.now();
  const root = await realpathOrSelf(input.worktreesRoot);
  const repo = await mainWorktree(input.repo);
  const base = await branchCommit(repo, input.baseBranch);
  const result: CleanupResult = { removed: [], kept: [] };

  for (const wt of (await listWorktrees(repo)).slice(1)) {
    const wtPath = await realpathOrSelf(wt.path);
    if (!isInside(wtPath, root) || wtPath === root) continue;
    const keepAs = (reason: string) => result.kept.push({ path: wt.path, branch: wt.branch, reason });
    if (!wt.branch) {
      keepAs("detached");
      continue;
    }
    const branch = wt.branch;
    if (wt.locked) {
      keepAs("locked");
      continue;
    }
    if (input.keep?.(branch)) {
      keepAs("kept");
      continue;
    }

    let finished = input.finishedAt?.(branch)?.getTime();
    if (finished === undefined) {
      const commitTime = Number(await git(repo, ["log", "-1", "--format=%ct", headsRef(branch)])) * 1000;
      const folderTime = await fs
        .stat(wtPath)
        .then((s) => s.mtimeMs)
        .catch(() => 0);
      finished = Math.max(commitTime, folderTime);
    }
    if (now - finished < ttl) {
      keepAs("recent");
      continue;
    }

    if (input.discarded?.(branch)) {
      await removeWorktree(repo, wt.path, branch);
      result.removed.push({ path: wt.path, branch, reason: "discarded" });
      continue;
    }
    const tip = await branchCommit(repo, branch);
    if (!(await isAncestor(repo, tip, base))) {
      keepAs("unmerged");
      continue;
    }
    if (!wt.prunable && !(await isClean(wt.path, true))) {
      keepAs("uncommitted changes");
      continue;
    }
    await removeWorktree(repo, wt.path, branch);
    result.removed.push({ path: wt.path, branch, reason: "merged" });
  }
  return result;
}
