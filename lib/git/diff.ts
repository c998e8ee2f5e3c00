import "server-only";
import { git, gitRun } from "./git";

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
