import "server-only";
import { execFile } from "node:child_process";

/**
 * A small runner for the git CLI. Every call:
 * - has a timeout (30 s unless told) and a large output buffer (diffs can be big);
 * - never prompts (GIT_TERMINAL_PROMPT=0, GIT_EDITOR=true);
 * - commits as a fixed identity, so it works on machines without a git config;
 * - ignores GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE inherited from a parent git
 *   (a hook running the app or its tests must not redirect these commands).
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
};

function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  // The child needs PATH, HOME, etc.; this is passing the environment through, not reading settings.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_REPO_VARS) delete env[name];
  return {
    ...env,
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

/** Settings that keep user hooks, signing and pagers out of the app's own git calls. */
const BASE_ARGS = ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "-c", "core.quotePath=false"];

/** Runs git in `cwd`; resolves with its output, rejects with a GitError. */
export function gitRun(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const ok = new Set([0, ...(options.okExitCodes ?? [])]);
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...BASE_ARGS, ...args],
      {
        cwd,
        env: gitEnv(options.env),
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
