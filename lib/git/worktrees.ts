import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { git, gitRun, GitError } from "./git";

/**
 * Attempts run in their own git worktree on their own branch, outside the
 * project's checkout, so the user's files are untouched until a merge.
 * Everything here is plain git through `git()`; no database, no UI.
 */

export const DEFAULT_WORKTREE_TTL_MS = 72 * 60 * 60 * 1000;

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

const headsRef = (branch: string) => `refs/heads/${branch}`;

async function assertBranchName(cwd: string, branch: string): Promise<void> {
  try {
    await git(cwd, ["check-ref-format", "--branch", branch]);
  } catch {
    throw new AppError("validation", `Not a valid branch name: ${branch}`);
  }
  if (branch.startsWith("-")) throw new AppError("validation", `Not a valid branch name: ${branch}`);
}

async function revParse(cwd: string, rev: string): Promise<string | null> {
  const { stdout, exitCode } = await gitRun(cwd, ["rev-parse", "-q", "--verify", `${rev}^{commit}`], {
    okExitCodes: [1],
  });
  return exitCode === 0 ? stdout.trim() : null;
}

async function branchCommit(cwd: string, branch: string): Promise<string> {
  const commit = await revParse(cwd, headsRef(branch));
  if (!commit) throw new AppError("not_found", `Branch not found: ${branch}`);
  return commit;
}

async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const { exitCode } = await gitRun(cwd, ["merge-base", "--is-ancestor", ancestor, descendant], {
    okExitCodes: [1],
  });
  return exitCode === 0;
}

/** The top folder of the repository's main checkout (not a linked worktree). */
async function mainWorktree(repo: string): Promise<string> {
  const list = await listWorktrees(repo);
  const main = list[0];
  if (!main) throw new AppError("not_found", "Not a git repository");
  return main.path;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

async function realpathOrSelf(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return path.resolve(p);
  }
}

async function isClean(worktree: string, untracked: boolean): Promise<boolean> {
  const out = await git(worktree, [
    "status",
    "--porcelain",
    "-z",
    untracked ? "--untracked-files=all" : "--untracked-files=no",
  ]);
  return out === "";
}

export type WorktreeInfo = {
  path: string;
  head: string | null;
  /** Short branch name, or null when detached. */
  branch: string | null;
  locked: boolean;
  prunable: boolean;
};

/** `git worktree list --porcelain`; the first entry is the main checkout. */
export async function listWorktrees(repo: string): Promise<WorktreeInfo[]> {
  const out = await git(repo, ["worktree", "list", "--porcelain", "-z"]);
  const result: WorktreeInfo[] = [];
  let current: WorktreeInfo | null = null;
  for (const field of out.split("\0")) {
    if (field === "") {
      if (current) result.push(current);
      current = null;
      continue;
    }
    const space = field.indexOf(" ");
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? "" : field.slice(space + 1);
    if (key === "worktree") {
      if (current) result.push(current);
      current = { path: value, head: null, branch: null, locked: false, prunable: false };
    } else if (current) {
      if (key === "HEAD") current.head = value;
      else if (key === "branch") current.branch = value.replace(/^refs\/heads\//, "");
      else if (key === "locked") current.locked = true;
      else if (key === "prunable") current.prunable = true;
    }
  }
  if (current) result.push(current);
  return result;
}

// ---------------------------------------------------------------- create / commit

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

  await git(repoTop, ["worktree", "add", "-q", "-b", input.branch, dir, baseCommit]);
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

export type FileStatus = "added" | "modified" | "deleted" | "renamed";

export type ChangedFile = {
  path: string;
  /** The old path of a renamed file. */
  oldPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  binary: boolean;
};

export type AttemptDiff = { files: ChangedFile[]; patch: string };

function statusOf(letter: string): FileStatus {
  switch (letter[0]) {
    case "A":
    case "C":
      return "added";
    case "D":
      return "deleted";
    case "R":
      return "renamed";
    default:
      return "modified";
  }
}

/** What the attempt changed: `baseCommit` against the worktree's HEAD (its committed work). */
export async function diffAgainstBase(worktree: string, baseCommit: string, head = "HEAD"): Promise<AttemptDiff> {
  const range = [baseCommit, head];
  const [nameStatus, numstat, patch] = await Promise.all([
    git(worktree, ["diff", "--no-ext-diff", "-M", "--name-status", "-z", ...range, "--"]),
    git(worktree, ["diff", "--no-ext-diff", "-M", "--numstat", "-z", ...range, "--"]),
    gitRun(worktree, ["diff", "--no-ext-diff", "--no-color", "-M", ...range, "--"]).then((r) => r.stdout),
  ]);

  const files: ChangedFile[] = [];
  const byPath = new Map<string, ChangedFile>();
  const ns = nameStatus.split("\0");
  for (let i = 0; i < ns.length; ) {
    const letter = ns[i++];
    if (!letter) continue;
    const status = statusOf(letter);
    if (letter[0] === "R" || letter[0] === "C") {
      const oldPath = ns[i++] ?? "";
      const newPath = ns[i++] ?? "";
      const file: ChangedFile = { path: newPath, status, additions: 0, deletions: 0, binary: false };
      if (status === "renamed") file.oldPath = oldPath;
      files.push(file);
      byPath.set(newPath, file);
    } else {
      const p = ns[i++] ?? "";
      const file: ChangedFile = { path: p, status, additions: 0, deletions: 0, binary: false };
      files.push(file);
      byPath.set(p, file);
    }
  }

  // numstat -z: "add\tdel\tpath\0", or for renames "add\tdel\t\0old\0new\0".
  const parts = numstat.split("\0");
  for (let i = 0; i < parts.length; ) {
    const entry = parts[i++];
    if (!entry) continue;
    const [add = "", del = "", inline = ""] = entry.split("\t");
    let p = inline;
    if (inline === "") {
      i++; // old path
      p = parts[i++] ?? "";
    }
    const file = byPath.get(p);
    if (!file) continue;
    if (add === "-" && del === "-") file.binary = true;
    else {
      file.additions = Number(add) || 0;
      file.deletions = Number(del) || 0;
    }
  }

  return { files, patch };
}

// ---------------------------------------------------------------- merge

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

async function removeWorktree(repo: string, worktreePath: string, branch: string | null): Promise<void> {
  await gitRun(repo, ["worktree", "remove", "--force", "--force", worktreePath], { okExitCodes: [128] });
  await fs.rm(worktreePath, { recursive: true, force: true });
  await git(repo, ["worktree", "prune"]);
  if (branch && (await revParse(repo, headsRef(branch)))) {
    await git(repo, ["branch", "-q", "-D", branch]);
  }
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
