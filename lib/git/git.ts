import "server-only";
import { execFile } from "node:child_process";
import path from "node:path";
import { config } from "@/lib/config";
import { confine } from "@/lib/sandbox/confine";
import { sandboxInUse } from "@/lib/sandbox/policy";
import { repoLayout } from "./layout";

/**
 * A small runner for the git CLI. Every call:
 * - has a timeout (30 s unless told) and a large output buffer (diffs can be big);
 * - never prompts (GIT_TERMINAL_PROMPT=0, GIT_EDITOR=true);
 * - commits as a fixed identity, so it works on machines without a git config;
 * - ignores GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE inherited from a parent git
 *   (a hook running the app or its tests must not redirect these commands);
 * - runs in the sandbox (lib/sandbox) whenever agents do, seeing only the
 *   repository's own folders: an agent that could write the repository could
 *   also write its `.git/config`, and git runs what that names (filters,
 *   fsmonitor, diff drivers), so the server's git is confined like the agent.
 */

export const GIT_IDENTITY = { name: "Switchboard", email: "switchboard@localhost" } as const;

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_BUFFER = 64 * 1024 * 1024;

/** Variables that would point git at another repository than `cwd`. */
const INHERITED_REPO_VARS = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_PREFIX",
  "GIT_NAMESPACE",
  "GIT_CEILING_DIRECTORIES",
];

export class GitError extends Error {
  constructor(
    public readonly args: readonly string[],
    public readonly exitCode: number | null,
    public readonly stderr: string,
    public readonly stdout: string,
    cause?: unknown,
  ) {
    const detail = stderr.trim() || (cause instanceof Error ? cause.message : "") || `exit code ${exitCode}`;
    super(`git ${args.join(" ")} failed: ${detail}`, { cause });
    this.name = "GitError";
  }
}

export type GitResult = { stdout: string; stderr: string; exitCode: number };

export type GitOptions = {
  timeoutMs?: number;
  /** Exit codes other than 0 that are answers, not failures (e.g. 1 for `diff --quiet`). */
  okExitCodes?: readonly number[];
  /** Extra environment (e.g. GIT_COMMITTER_DATE in tests). */
  env?: Record<string, string>;
  /** Folders besides the repository's own that the command writes (where `worktree add` puts a new worktree). */
  binds?: string[];
};

/** What every git command is told, confined or not. */
function gitVars(extra?: Record<string, string>): Record<string, string> {
  return {
    GIT_TERMINAL_PROMPT: "0",
    GIT_EDITOR: "true",
    GIT_SEQUENCE_EDITOR: "true",
    GIT_MERGE_AUTOEDIT: "no",
    GIT_AUTHOR_NAME: GIT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: GIT_IDENTITY.email,
    GIT_COMMITTER_NAME: GIT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: GIT_IDENTITY.email,
    LC_ALL: "C",
    ...extra,
  };
}

function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  // The child needs PATH, HOME, etc.; this is passing the environment through, not reading settings.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_REPO_VARS) delete env[name];
  return { ...env, ...gitVars(extra) };
}

const isInsideDir = (dir: string, root: string) => dir === root || dir.startsWith(`${root}${path.sep}`);

/**
 * The folders a git command in `cwd` may touch: its checkout and the shared
 * `.git`; run in the main checkout, also the linked worktrees that live where
 * Switchboard puts them (under DATA_DIR/worktrees, and their project's folder
 * there, so `worktree add/remove/prune` see them). A worktree path that a
 * `.git/worktrees/*\/gitdir` file names anywhere else is not shown: that file
 * is the user's to write.
 */
function gitBinds(cwd: string, extra: readonly string[]): string[] {
  const layout = repoLayout(cwd);
  const binds = new Set<string>([...extra]);
  if (!layout) return [...binds];
  binds.add(layout.top);
  binds.add(layout.commonDir);
  if (layout.top === layout.mainTop) {
    const root = config().worktreesDir;
    for (const worktree of layout.worktrees) {
      const parent = path.dirname(worktree);
      if (parent !== root && isInsideDir(parent, root)) binds.add(parent);
      else if (isInsideDir(worktree, root) || extra.some((e) => isInsideDir(worktree, e))) binds.add(worktree);
    }
  }
  // Nested paths are bound once, by their outermost folder.
  const all = [...binds].sort();
  return all.filter((p) => !all.some((q) => q !== p && isInsideDir(p, q)));
}

/** The process that runs git: itself, or inside the sandbox. */
function gitProcess(cwd: string, args: readonly string[], options: GitOptions): { file: string; args: string[]; env: NodeJS.ProcessEnv } {
  const gitArgs = [...BASE_ARGS, ...args];
  if (!sandboxInUse()) return { file: "git", args: gitArgs, env: gitEnv(options.env) };
  const prepared = confine(
    {
      cwd,
      writable: true,
      binds: gitBinds(cwd, options.binds ?? []).filter((p) => p !== cwd).map((p) => ({ path: p, writable: true })),
      home: null,
      network: false,
      env: gitVars(options.env),
      limits: null,
    },
    "git",
    gitArgs,
  );
  if (!prepared.ok) throw new GitError(args, null, "git is not installed", "");
  return prepared.confined;
}

/** Settings that keep user hooks, signing and pagers out of the app's own git calls. */
const BASE_ARGS = ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.quotePath=false"];

/** Runs git in `cwd`; resolves with its output, rejects with a GitError. */
export function gitRun(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const ok = new Set([0, ...(options.okExitCodes ?? [])]);
  return new Promise((resolve, reject) => {
    let command: ReturnType<typeof gitProcess>;
    try {
      command = gitProcess(cwd, args, options);
    } catch (error) {
      return reject(error instanceof GitError ? error : new GitError(args, null, "", "", error));
    }
    execFile(
      command.file,
      command.args,
      {
        cwd,
        env: command.env,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBuffer: MAX_BUFFER,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, exitCode: 0 });
        const code = typeof error.code === "number" ? error.code : null;
        if (code !== null && ok.has(code) && !error.killed) return resolve({ stdout, stderr, exitCode: code });
        reject(new GitError(args, code, stderr ?? "", stdout ?? "", error));
      },
    );
  });
}

/** Runs git in `cwd` and returns its stdout with the trailing newline removed. */
export async function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const { stdout } = await gitRun(cwd, args, options);
  return stdout.replace(/\n$/, "");
}
