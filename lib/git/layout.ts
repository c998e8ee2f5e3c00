import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * Where a repository keeps its parts, read from the files git itself reads
 * (no git process): the checkout a folder belongs to, the shared `.git`
 * folder, and the folders that hold its linked worktrees. The sandbox uses it
 * to show a git command (or an agent in a worktree) exactly the folders the
 * repository spans, and nothing else.
 */
export type RepoLayout = {
  /** The checkout (main or linked worktree) that holds `cwd`. */
  top: string;
  /** The `.git` folder every worktree shares (objects, refs, config). */
  commonDir: string;
  /** The main checkout, or null for a bare repository. */
  mainTop: string | null;
  /** Every linked worktree's folder that still exists. */
  worktrees: string[];
};

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function readGitFile(file: string): string | null {
  try {
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(file, "utf8"));
    return match ? path.resolve(path.dirname(file), match[1]!) : null;
  } catch {
    return null;
  }
}

export function repoLayout(cwd: string): RepoLayout | null {
  let dir = realpath(cwd);
  for (;;) {
    const dotGit = path.join(dir, ".git");
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(dotGit);
    } catch {
      // keep looking upwards
    }
    if (stat) {
      const gitDir = stat.isDirectory() ? dotGit : readGitFile(dotGit);
      if (!gitDir) return null;
      let commonDir = gitDir;
      try {
        commonDir = path.resolve(gitDir, fs.readFileSync(path.join(gitDir, "commondir"), "utf8").trim());
      } catch {
        // the main worktree: its git dir is the common one
      }
      commonDir = realpath(commonDir);
      const mainTop = path.basename(commonDir) === ".git" ? path.dirname(commonDir) : null;
      return { top: dir, commonDir, mainTop, worktrees: linkedWorktrees(commonDir) };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function linkedWorktrees(commonDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(commonDir, "worktrees"));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    try {
      const dotGit = fs.readFileSync(path.join(commonDir, "worktrees", name, "gitdir"), "utf8").trim();
      const top = path.dirname(path.resolve(commonDir, dotGit));
      if (fs.existsSync(top)) found.push(realpath(top));
    } catch {
      // a stale entry: `git worktree prune` removes it
    }
  }
  return found;
}
