import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs";
import { confine, programDirsFor, type Confined } from "@/lib/sandbox/confine";
import { findExecutable, serverPathDirs } from "@/lib/sandbox/executables";
import type { SandboxSpec } from "@/lib/sandbox/spec";
import { LineBuffer } from "./lines";

/**
 * The one way Switchboard starts a child process for a run (the agent CLIs
 * and `script`). It runs inside the sandbox (lib/sandbox) that `sandbox`
 * describes; null is only ever passed where lib/sandbox/policy decided so
 * (SANDBOX=off, or an admin on a server that has no sandbox). The child leads
 * its own process group (`detached: true`), so cancelling kills everything it
 * started: SIGTERM to the whole group, then SIGKILL after a grace period if
 * anything is still alive (and, confined, every process in the run's cgroup).
 *
 * The result comes once stdout and stderr are closed, so every line is
 * delivered first. A background process the task left running that still
 * holds those pipes keeps the run open until it exits or the run is
 * cancelled; stdin is /dev/null, so no CLI ever waits for input.
 */

export const DEFAULT_KILL_GRACE_MS = 5_000;

export type SpawnLinesOptions = {
  command: string;
  args: string[];
  cwd: string;
  /** The child's own variables: confined, its whole environment besides PATH, HOME and the like; unconfined, added to the server's minus its secrets. */
  env?: Record<string, string | undefined>;
  /** Where and how it is confined (cwd, binds, HOME, network, limits); null only by lib/sandbox/policy's decision. */
  sandbox: SandboxSpec | null;
  signal: AbortSignal;
  onStdoutLine(line: string): void;
  onStderrLine(line: string): void;
  onSpawn?(pid: number): void;
  /**
   * Talk to the child over stdin (an MCP server's JSON-RPC, for a Check): stdin becomes a pipe
   * handed over once the process runs. Without it stdin is /dev/null.
   */
  onStdin?(stdin: NodeJS.WritableStream): void;
  /** How long to wait after SIGTERM before SIGKILL. */
  killGraceMs?: number;
  /** The sentence a run shows when `command` does not exist, e.g. "Claude Code CLI not found: install it or set CLAUDE_CODE_BIN". */
  notFoundMessage: string;
};

export type SpawnLinesResult = {
  /** null when the process was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when the run was cancelled through `signal`. */
  cancelled: boolean;
  /** Set when the process could not be started (missing binary or directory, not executable), or was stopped at a limit. */
  error?: string;
  /** True when `error` says which limit of the plan stopped it. */
  limited?: boolean;
  pid?: number;
};

/**
 * Variables the web server needs but an agent (which runs whatever a user
 * asks) must never see. Provider keys are removed too: executors hand the
 * resolved key to the CLI that needs it, explicitly, through `env`.
 */
const SERVER_ONLY_ENV = [
  "AUTH_SECRET",
  "AUTH_GOOGLE_SECRET",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "DATABASE_URL",
  "DATABASE_AUTH_TOKEN",
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
];

function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  // Not configuration: this is the environment the child inherits (PATH, HOME, ...).
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVER_ONLY_ENV) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Signals a whole process group; false when it no longer exists. */
function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: every member is gone
  }
}

function groupAlive(pid: number): boolean {
  return killGroup(pid, 0); // signal 0: only checks that the group exists
}

export function spawnLines(opts: SpawnLinesOptions): Promise<SpawnLinesResult> {
  const graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;

  if (opts.signal.aborted) {
    return Promise.resolve({ exitCode: null, signal: null, cancelled: true });
  }
  // Node reports a missing cwd as "spawn <command> ENOENT", which would blame the binary.
  try {
    if (!fs.statSync(opts.cwd).isDirectory()) throw new Error("not a directory");
  } catch {
    return Promise.resolve({
      exitCode: null,
      signal: null,
      cancelled: false,
      error: `Project directory not found: ${opts.cwd}`,
    });
  }

  let confined: Confined | null = null;
  let command = opts.command;
  let args = opts.args;
  let spawnEnv: NodeJS.ProcessEnv = childEnv(opts.env);
  let stdio: Array<"ignore" | "pipe"> = ["ignore", "pipe", "pipe"];
  if (opts.sandbox) {
    // Found on the server's PATH (an agent CLI in ~/.local/bin, say), then shown read-only inside.
    const program = findExecutable(opts.command, serverPathDirs());
    if (!program) {
      const error = fs.existsSync(opts.command) ? `${opts.notFoundMessage} (${opts.command} is not executable)` : opts.notFoundMessage;
      return Promise.resolve({ exitCode: null, signal: null, cancelled: false, error });
    }
    const env: Record<string, string> = { ...opts.sandbox.env };
    for (const [name, value] of Object.entries(opts.env ?? {})) if (value !== undefined) env[name] = value;
    const prepared = confine(
      { ...opts.sandbox, env, programDirs: [...(opts.sandbox.programDirs ?? []), ...programDirsFor([program, process.execPath])] },
      program,
      opts.args,
    );
    if (!prepared.ok) return Promise.resolve({ exitCode: null, signal: null, cancelled: false, error: opts.notFoundMessage });
    confined = prepared.confined;
    ({ file: command, args, env: spawnEnv, stdio } = confined);
  }
  if (opts.onStdin) stdio = ["pipe", ...stdio.slice(1)];
  const sandbox = confined;

  return new Promise((resolve) => {
    let settled = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let pid: number | undefined;
    let limit: string | null = null;
    let startError: string | null = null;

    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: spawnEnv,
      detached: true, // own process group, so -pid reaches every descendant
      stdio,
    });

    const killEverything = () => {
      if (pid !== undefined) killGroup(pid, "SIGKILL");
      sandbox?.killAll();
    };
    // Memory and process limits are watched on the run's cgroup: passing one stops the whole run.
    const watch = sandbox
      ? setInterval(() => {
          const hit = sandbox.limitHit();
          if (hit && !limit) {
            limit = hit;
            killEverything();
          }
        }, 200)
      : undefined;

    const finish = (result: SpawnLinesResult) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      opts.signal.removeEventListener("abort", onAbort);
      // Keep the SIGKILL timer only while something in the group survives
      // (e.g. a grandchild that ignored SIGTERM and let go of our pipes).
      if (killTimer && !(pid !== undefined && groupAlive(pid))) clearTimeout(killTimer);
      limit ??= sandbox?.limitHit() ?? null;
      const stopped = limit ?? startError ?? (result.cancelled ? null : (sandbox?.explainExit(result.exitCode, result.signal) ?? null));
      const done = () => resolve({ ...result, pid, ...(stopped ? { error: stopped, limited: stopped !== startError } : {}) });
      if (sandbox) void sandbox.dispose().then(done, done);
      else done();
    };

    const onAbort = () => {
      if (pid === undefined || cancelled) return;
      cancelled = true;
      const target = pid;
      if (!sandbox?.terminate(target)) killGroup(target, "SIGTERM");
      killTimer = setTimeout(() => {
        killGroup(target, "SIGKILL");
        sandbox?.killAll();
      }, graceMs);
    };

    const wire = (stream: NodeJS.ReadableStream, onLine: (line: string) => void) => {
      const lines = new LineBuffer();
      stream.setEncoding("utf8"); // decodes multi-byte characters split across chunks
      stream.on("data", (chunk: string) => {
        for (const line of lines.push(chunk)) onLine(line);
      });
      stream.on("end", () => {
        const rest = lines.flush();
        if (rest !== null) onLine(rest);
      });
    };
    wire(child.stdout!, opts.onStdoutLine);
    wire(child.stderr!, opts.onStderrLine);

    child.on("spawn", () => {
      pid = child.pid;
      if (pid !== undefined) opts.onSpawn?.(pid);
      if (opts.onStdin && child.stdin) {
        child.stdin.on("error", () => {}); // the child may exit before reading: EPIPE is not ours to report
        opts.onStdin(child.stdin);
      }
      sandbox?.started(child).catch((error: unknown) => {
        startError = `Could not start the sandbox: ${error instanceof Error ? error.message : String(error)}`;
        killEverything();
      });
      if (opts.signal.aborted) onAbort();
    });
    opts.signal.addEventListener("abort", onAbort, { once: true });

    child.on("error", (err: NodeJS.ErrnoException) => {
      // Only start-up failures land here: the process never ran.
      if (pid !== undefined) return;
      const error =
        err.code === "ENOENT"
          ? opts.notFoundMessage
          : err.code === "EACCES"
            ? `${opts.notFoundMessage} (${opts.command} is not executable)`
            : `Could not start ${opts.command}: ${err.message}`;
      finish({ exitCode: null, signal: null, cancelled: false, error });
    });

    // "close" comes after "exit" once stdout and stderr are drained, so no line is lost.
    child.on("close", (code, signal) => {
      finish({ exitCode: code, signal, cancelled });
    });
  });
}

/**
 * A prompt passed as a positional argument must never be read as a flag:
 * a task like "--dangerously-skip-permissions" would otherwise change what
 * the agent may do. A leading space keeps it an ordinary argument.
 */
export function promptArg(text: string): string {
  return text.startsWith("-") ? ` ${text}` : text;
}

/** Keeps the last few stderr lines, to explain a non-zero exit in one sentence. */
export class StderrTail {
  private lines: string[] = [];

  constructor(private readonly keep = 5) {}

  push(line: string) {
    if (line.trim() === "") return;
    this.lines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (this.lines.length > this.keep) this.lines.shift();
  }

  /** ": last line" or "" when stderr was silent. */
  suffix(): string {
    const last = this.lines.at(-1);
    return last ? `: ${last}` : "";
  }
}

/** The sentence for a child that ended without success. */
export function exitError(name: string, result: SpawnLinesResult, tail?: StderrTail): string | undefined {
  if (result.error) return result.error;
  if (result.cancelled) return "Cancelled.";
  if (result.exitCode === 0) return undefined;
  if (result.exitCode !== null) return `${name} exited with code ${result.exitCode}${tail?.suffix() ?? ""}`;
  return `${name} was killed by ${result.signal ?? "a signal"}${tail?.suffix() ?? ""}`;
}
