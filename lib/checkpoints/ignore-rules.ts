import "server-only";
import fs from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

/**
 * Git's ignore rules, read by the server itself: every `.gitignore` from the repository's top
 * down to a folder, and the repository's `info/exclude`. A checkpoint lists files this way
 * instead of running `git ls-files`, which must run in the sandbox (a `.git/config` an agent
 * wrote can name programs) and costs a sandbox start on every turn; reading the rules costs a
 * few small reads. Files git tracks although a rule ignores them (added with `--force`) are
 * the one difference: they are left out, like any ignored file.
 */

/** A `.gitignore` larger than this is not a list of patterns: it is skipped. */
const MAX_RULES_BYTES = 1024 * 1024;

type RuleSet = { base: string; rules: Ignore };

export class IgnoreRules {
  private constructor(private readonly sets: RuleSet[]) {}

  /** The rules that apply at the repository's top (its `info/exclude` and the folders above `root`). */
  static async forRoot(top: string, root: string, commonDir: string): Promise<IgnoreRules> {
    const sets: RuleSet[] = [];
    const exclude = await readRules(path.join(commonDir, "info", "exclude"));
    if (exclude) sets.push({ base: "", rules: exclude });
    const relRoot = path.relative(top, root).split(path.sep).filter(Boolean);
    for (let depth = 0; depth < relRoot.length; depth++) {
      const base = relRoot.slice(0, depth).join("/");
      const found = await readRules(path.join(top, base, ".gitignore"));
      if (found) sets.push({ base, rules: found });
    }
    return new IgnoreRules(sets);
  }

  /** These rules plus the folder's own `.gitignore` (`dirFromTop`: the folder, relative to the top). */
  async enter(top: string, dirFromTop: string): Promise<IgnoreRules> {
    const found = await readRules(path.join(top, dirFromTop, ".gitignore"));
    return found ? new IgnoreRules([...this.sets, { base: dirFromTop, rules: found }]) : this;
  }

  /** Whether a path (relative to the top) is ignored; the deepest file with an opinion decides, as in git. */
  ignores(fromTop: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, rules } of this.sets) {
      const rel = base ? fromTop.slice(base.length + 1) : fromTop;
      const verdict = rules.test(isDir ? `${rel}/` : rel);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}

/** A rules file read without following a link; null when absent, not a plain file or too big. */
async function readRules(file: string): Promise<Ignore | null> {
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) return null;
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_RULES_BYTES) return null;
    return ignore({ ignorecase: false }).add(await handle.readFile("utf8"));
  } finally {
    await handle.close();
  }
}
