import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { git, gitRun } from "./git";

/** Small questions about a repository's refs and folders, shared by the attempt modules. */

export const headsRef = (branch: string) => `refs/heads/${branch}`;

export async function assertBranchName(cwd: string, branch: string): Promise<void> {
  try {
    await git(cwd, ["check-ref-format", "--branch", branch]);
  } catch {
    throw new AppError("validation", `Not a valid branch name: ${branch}`);
  }
  if (branch.startsWith("-")) throw new AppError("validation", `Not a valid branch name: ${branch}`);
}

export async function revParse(cwd: string, rev: string): Promise<string | null> {
  const { stdout, exitCode } = await gitRun(cwd, ["rev-parse", "-q", "--verify", `${rev}^{commit}`], {
    okExitCodes: [1],
  });
  return exitCode === 0 ? stdout.trim() : null;
}

export async function branchCommit(cwd: string, branch: string): Promise<string> {
  const commit = await revParse(cwd, headsRef(branch));
  if (!commit) throw new AppError("not_found", `Branch not found: ${branch}`);
  return commit;
}

export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const { exitCode } = await gitRun(cwd, ["merge-base", "--is-ancestor", ancestor, descendant], {
    okExitCodes: [1],
  });
  return exitCode === 0;
}

/** The top folder of the repository's main checkout (not a linked worktree). */
export async function mainWorktree(repo: string): Promise<string> {
  const list = await listWorktrees(repo);
  const main = list[0];
  if (!main) throw new AppError("not_found", "Not a git repository");
  return main.path;
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export async function realpathOrSelf(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return path.resolve(p);
  }
}

export async function isClean(worktree: string, untracked: boolean): Promise<boolean> {
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
