import "server-only";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { newId } from "@/lib/domain/ids";
import { bwrapArgs } from "./bwrap-args";
import { RunCgroup } from "./cgroup";
import { findExecutable, serverPathDirs } from "./executables";
import { limitMessage } from "./messages";
import { sandboxStatus } from "./status";
import type { SandboxSpec } from "./spec";
import { supportFiles } from "./support";
import { writeRunFiles } from "./run-files";

/**
 * Turns "run `command` confined by `spec`" into the process to spawn:
 *
 *   sh -c 'join the run's cgroups' -- nice -n 10 prlimit <limits> -- bwrap <view> -- command args
 *
 * The tiny sh prologue is the server's own code: it writes its pid into the
 * run's cgroups before anything of the user's exists, then execs, so every
 * descendant is counted. `nice` keeps the server responsive while a run
 * burns CPU. With network, bwrap waits (--block-fd) until slirp4netns has
 * given its namespace an interface.
 */

const JOIN_CGROUPS = 'while [ "$1" != "--" ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';
/** fds 3 and 4 of the spawned process: bwrap writes its child's pid on one and waits on the other. */
const NETWORK_FDS = { info: 3, block: 4 } as const;

/** Folders on the sandbox's PATH: the system's and the server's own that the sandbox can see. */
function sandboxPathDirs(programDirs: readonly string[]): string[] {
  const visible = ["/usr/", "/bin/", "/sbin/", "/opt/", ...programDirs.map((d) => `${d}/`)];
  const fromServer = serverPathDirs().filter((d) => visible.some((v) => `${d}/`.startsWith(v)));
  return [...new Set([...programDirs, ...fromServer, "/usr/local/bin", "/usr/bin", "/bin"])];
}

/** Folders to show read-only for a program outside the system folders (and the real file behind a symlink, e.g. an npm bin). */
export function programDirsFor(files: Array<string | null | undefined>): string[] {
  const dirs = new Set<string>();
  const system = ["/usr/", "/bin/", "/sbin/", "/lib/", "/opt/"];
  for (const file of files) {
    if (!file || !path.isAbsolute(file)) continue;
    for (const candidate of [file, realpathOr(file)]) {
      const dir = path.dirname(candidate);
      if (!system.some((s) => `${dir}/`.startsWith(s))) dirs.add(dir);
    }
  }
  return [...dirs];
}

function realpathOr(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export type Confined = {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  stdio: Array<"ignore" | "pipe">;
  /** Call once the process is spawned: gives it network access when the spec asks for it. */
  started(child: ChildProcess): Promise<void>;
  /** A limit the run has passed so far (memory, processes), as the sentence a user reads. */
  limitHit(): string | null;
  /** A limit behind how the process ended (CPU time, file size), or null. */
  explainExit(exitCode: number | null, signal: NodeJS.Signals | null): string | null;
  /**
   * Asks every process of the run to stop (SIGTERM), sparing the outer bwrap (`outerPid`), whose
   * death would kill the rest at once. False when there is no cgroup to find them by: the caller
   * then signals the process group, and bwrap's death ends the run without a grace period.
   */
  terminate(outerPid: number): boolean;
  /** Kills every process of the run, wherever it went. */
  killAll(): void;
  /** Removes the run's cgroups and stops its network helper. */
  dispose(): Promise<void>;
};

export type ConfineResult = { ok: true; confined: Confined } | { ok: false; notFound: true };

export function confine(spec: SandboxSpec, command: string, args: readonly string[]): ConfineResult {
  const status = sandboxStatus();
  if (!status.bwrap) throw new Error(`The sandbox is not available: ${status.problems.join("; ")}`);
  const programDirs = spec.programDirs ?? [];
  const pathDirs = sandboxPathDirs(programDirs);
  const resolved = findExecutable(command, pathDirs);
  if (!resolved) return { ok: false, notFound: true };

  const limits = spec.limits;
  const cgroup = limits && status.cgroups ? RunCgroup.create(status.cgroups, `run-${newId()}`, limits) : null;
  const rlimits = ["--core=0"];
  if (limits) {
    rlimits.push(`--nofile=${limits.openFiles}`, `--fsize=${limits.fileSizeBytes}`, `--cpu=${limits.cpuSeconds}`);
    // Without cgroups, rlimits stand in: RLIMIT_DATA counts memory a process has written to
    // (V8's reserved address space is not counted), RLIMIT_NPROC holds for a non-root server.
    if (!cgroup) rlimits.push(`--data=${limits.memoryBytes}`, `--nproc=${limits.processes}`);
  }
  const network = spec.network;
  const runFiles = spec.files?.length ? writeRunFiles(spec.files) : null;
  const bwrap = bwrapArgs(spec, {
    runFiles: runFiles?.files,
    files: supportFiles(),
    pathDirs,
    tmpBytes: limits ? Math.min(limits.memoryBytes, 1024 * 1024 * 1024) : 256 * 1024 * 1024,
    networkFds: network ? NETWORK_FDS : undefined,
  });
  const tools = serverPathDirs();
  const nice = findExecutable("nice", tools) ?? "nice";
  const prlimit = findExecutable("prlimit", tools) ?? "prlimit";
  // The server's own short commands (git: no plan limits) skip the wrapper: bwrap alone starts sooner.
  const [file, args_] = limits
    ? [
        "/bin/sh",
        ["-c", JOIN_CGROUPS, "sh", ...(cgroup?.procsFiles ?? []), "--", nice, "-n", "10", prlimit, ...rlimits, "--", status.bwrap.path, ...bwrap, "--", resolved, ...args],
      ]
    : [status.bwrap.path, [...bwrap, "--", resolved, ...args]];

  let slirp: ChildProcess | null = null;
  const disk = limits && spec.writable ? new DiskWatch(spec.cwd, limits.diskWriteBytes) : null;
  const confined: Confined = {
    file,
    args: args_,
    // The wrapper itself gets nothing of the server's either (bwrap clears it again for the command).
    env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8" } as unknown as NodeJS.ProcessEnv,
    stdio: network ? ["ignore", "pipe", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
    async started(child) {
      disk?.start();
      if (!network) return;
      const slirpPath = status.slirp4netns?.path;
      if (!slirpPath) throw new Error("slirp4netns is not installed, so this agent cannot have network access");
      const pid = await readChildPid(child);
      await blockedOnFd(pid, NETWORK_FDS.block);
      // Run as root, bwrap makes the network namespace before its user namespace (so root owns
      // it); unprivileged, inside it. slirp4netns joins the user namespace only in the second case.
      const userns = process.getuid?.() === 0 ? [] : [`--userns-path=/proc/${pid}/ns/user`];
      slirp = spawn(
        slirpPath,
        ["--configure", "--mtu=65520", "--disable-host-loopback", "--ready-fd=3", "--netns-type=path", ...userns, `/proc/${pid}/ns/net`, "tap0"],
        { stdio: ["ignore", "ignore", "pipe", "pipe"] },
      );
      await waitReady(slirp);
      const block = child.stdio[NETWORK_FDS.block] as NodeJS.WritableStream | null;
      block?.end("1");
    },
    limitHit() {
      if (!limits) return null;
      const events = cgroup?.events() ?? { oomKills: 0, forksRefused: 0 };
      if (events.oomKills > 0) return limitMessage("memory", limits);
      if (events.forksRefused > 0) return limitMessage("processes", limits);
      if (disk?.exceeded) return limitMessage("disk", limits);
      return null;
    },
    explainExit(exitCode, signal) {
      if (!limits) return null;
      if (signal === "SIGXCPU" || exitCode === 128 + 24) return limitMessage("cpu", limits);
      if (signal === "SIGXFSZ" || exitCode === 128 + 25) return limitMessage("fileSize", limits);
      return null;
    },
    terminate(outerPid) {
      if (!cgroup) return false;
      for (const pid of cgroup.pids()) {
        if (pid === outerPid) continue;
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // gone
        }
      }
      return true;
    },
    killAll() {
      cgroup?.killAll();
    },
    async dispose() {
      runFiles?.remove();
      disk?.stop();
      slirp?.kill("SIGTERM");
      await cgroup?.remove();
    },
  };
  return { ok: true, confined };
}

/**
 * How much a run grew its folder: `du` every few seconds (one at a time, in
 * the background), against the size when it started. A single file is held
 * by RLIMIT_FSIZE at once; this catches many files adding up, a few seconds late.
 */
class DiskWatch {
  private baseline: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private measuring = false;
  exceeded = false;

  constructor(
    private readonly folder: string,
    private readonly allowedBytes: number,
  ) {}

  start() {
    void this.measure();
    this.timer = setInterval(() => void this.measure(), 2_000);
  }

  stop() {
    clearInterval(this.timer);
  }

  private async measure() {
    if (this.measuring || this.exceeded) return;
    this.measuring = true;
    const size = await folderBytes(this.folder);
    this.measuring = false;
    if (size === null) return;
    if (this.baseline === null) this.baseline = size;
    else if (size - this.baseline > this.allowedBytes) this.exceeded = true;
  }
}

function folderBytes(folder: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile("du", ["-s", "-x", "-B1", folder], { timeout: 30_000 }, (_error, stdout) => {
      const bytes = Number(stdout.split("\t")[0]);
      // du still prints a total when some file was unreadable (and exits non-zero): take it.
      resolve(stdout && Number.isFinite(bytes) ? bytes : null);
    });
  });
}

function readChildPid(child: ChildProcess): Promise<number> {
  const info = child.stdio[NETWORK_FDS.info] as NodeJS.ReadableStream | null;
  return new Promise((resolve, reject) => {
    if (!info) return reject(new Error("the sandbox gave no process id"));
    let text = "";
    const timer = setTimeout(() => reject(new Error("the sandbox did not start in time")), 10_000);
    info.setEncoding("utf8");
    info.on("data", (chunk: string) => {
      text += chunk;
      // Only a number followed by something else is whole: the JSON may arrive in pieces.
      const match = /"child-pid":\s*(\d+)\D/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    info.on("end", () => {
      clearTimeout(timer);
      reject(new Error("the sandbox ended before it started"));
    });
  });
}

/** The `read` system call's number, as /proc/<pid>/syscall shows it. */
const READ_SYSCALL: Partial<Record<string, number>> = { x64: 0, arm64: 63, ia32: 3, arm: 3 };

/**
 * Waits until bwrap's child has set its namespaces up and sits in read() on
 * the block fd. Only then may slirp4netns enter its network namespace:
 * earlier, the two race (bwrap's own loopback setup fails, or slirp4netns
 * joins a user namespace that has no uid map yet).
 */
async function blockedOnFd(pid: number, fd: number): Promise<void> {
  const readCall = READ_SYSCALL[process.arch];
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    try {
      const [call, arg] = fs.readFileSync(`/proc/${pid}/syscall`, "utf8").split(" ");
      if (readCall === undefined || (Number(call) === readCall && Number(arg) === fd)) return;
    } catch {
      return; // no /proc/<pid>/syscall here: go on, slirp4netns reports a failure itself
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error("the sandbox did not get ready for its network in time");
}

function waitReady(slirp: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => reject(new Error("slirp4netns did not start in time")), 10_000);
    slirp.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    (slirp.stdio[3] as NodeJS.ReadableStream | null)?.once("data", () => {
      clearTimeout(timer);
      resolve();
    });
    slirp.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`slirp4netns exited (${code}): ${stderr.trim().replace(/\n/g, " / ")}`));
    });
    slirp.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

