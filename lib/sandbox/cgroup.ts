import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * Per-run control groups: a memory limit that counts what a run really uses
 * (unlike RLIMIT_AS, which V8 exceeds by reserving address space it never
 * touches) and a process limit that holds whatever uid the run has. Works
 * with cgroup v1 (separate memory and pids hierarchies) and v2 (one unified
 * tree, under a `switchboard-runs` group beside the server's own, since v2
 * forbids processes in a group that has controlled children). Where neither
 * can be written (an unprivileged server without delegation), the sandbox
 * falls back to rlimits and /admin/security says so.
 */

export type CgroupSupport = {
  version: 1 | 2;
  /** Where run groups are made, per controller. */
  memoryRoot: string;
  pidsRoot: string;
};

type Mount = { dir: string; type: string; options: string[] };

function mounts(): Mount[] {
  try {
    return fs
      .readFileSync("/proc/self/mounts", "utf8")
      .split("\n")
      .map((line) => line.split(" "))
      .filter((f) => f.length > 3)
      .map(([, dir, type, options]) => ({ dir: dir!, type: type!, options: options!.split(",") }));
  } catch {
    return [];
  }
}

/** This process's group path in each hierarchy: "memory" -> "/a/b", "" (v2) -> "/c". */
function ownGroups(): Map<string, string> {
  const groups = new Map<string, string>();
  try {
    for (const line of fs.readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
      const [, controllers, group] = line.split(":");
      if (group === undefined) continue;
      for (const c of controllers!.split(",")) groups.set(c, group);
    }
  } catch {
    // not Linux, or /proc hidden
  }
  return groups;
}

function writable(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `probe-${process.pid}`);
    fs.mkdirSync(probe);
    fs.rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

function detectV1(all: Mount[], own: Map<string, string>): CgroupSupport | null {
  const mountOf = (controller: string) => all.find((m) => m.type === "cgroup" && m.options.includes(controller));
  const memory = mountOf("memory");
  const pids = mountOf("pids");
  if (!memory || !pids) return null;
  const memoryRoot = path.join(memory.dir, own.get("memory") ?? "/", "switchboard");
  const pidsRoot = path.join(pids.dir, own.get("pids") ?? "/", "switchboard");
  return writable(memoryRoot) && writable(pidsRoot) ? { version: 1, memoryRoot, pidsRoot } : null;
}

function detectV2(all: Mount[], own: Map<string, string>): CgroupSupport | null {
  const unified = all.find((m) => m.type === "cgroup2");
  if (!unified) return null;
  const group = own.get("") ?? "/";
  const parent = path.join(unified.dir, path.dirname(group));
  try {
    const available = fs.readFileSync(path.join(parent, "cgroup.controllers"), "utf8").split(/\s+/);
    if (!available.includes("memory") || !available.includes("pids")) return null;
    const root = path.join(parent, "switchboard-runs");
    if (!writable(root)) return null;
    fs.writeFileSync(path.join(parent, "cgroup.subtree_control"), "+memory +pids");
    fs.writeFileSync(path.join(root, "cgroup.subtree_control"), "+memory +pids");
    return { version: 2, memoryRoot: root, pidsRoot: root };
  } catch {
    return null;
  }
}

export function detectCgroups(): CgroupSupport | null {
  if (process.platform !== "linux") return null;
  const all = mounts();
  const own = ownGroups();
  const support = detectV1(all, own) ?? detectV2(all, own);
  if (support) removeEmptyGroups(support);
  return support;
}

/** Groups left by a server that died mid-run: an empty one goes, one still in use (by another process) stays. */
function removeEmptyGroups(support: CgroupSupport) {
  for (const root of new Set([support.memoryRoot, support.pidsRoot])) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(root).filter((name) => name.startsWith("run-"));
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        fs.rmdirSync(path.join(root, name));
      } catch {
        // still has processes
      }
    }
  }
}

function readCount(file: string, key: string): number {
  try {
    const line = fs.readFileSync(file, "utf8").split("\n").find((l) => l.startsWith(`${key} `));
    return line ? Number(line.split(" ")[1]) || 0 : 0;
  } catch {
    return 0;
  }
}

/** One run's groups: made before the run starts, removed once its processes are gone. */
export class RunCgroup {
  private constructor(
    private readonly support: CgroupSupport,
    private readonly dirs: string[],
  ) {}

  static create(support: CgroupSupport, name: string, limits: { memoryBytes: number; processes: number }): RunCgroup {
    const memoryDir = path.join(support.memoryRoot, name);
    const pidsDir = path.join(support.pidsRoot, name);
    const dirs = [...new Set([memoryDir, pidsDir])];
    for (const dir of dirs) fs.mkdirSync(dir, { recursive: true });
    const set = (dir: string, file: string, value: string | number, optional = false) => {
      try {
        fs.writeFileSync(path.join(dir, file), String(value));
      } catch (error) {
        if (!optional) throw error;
      }
    };
    if (support.version === 1) {
      set(memoryDir, "memory.limit_in_bytes", limits.memoryBytes);
      // No swapping past the limit either (only where swap accounting is on).
      set(memoryDir, "memory.memsw.limit_in_bytes", limits.memoryBytes, true);
    } else {
      set(memoryDir, "memory.max", limits.memoryBytes);
      set(memoryDir, "memory.swap.max", 0, true);
    }
    set(pidsDir, "pids.max", limits.processes);
    return new RunCgroup(support, dirs);
  }

  /** The files a process writes its pid to, to join every group of the run. */
  get procsFiles(): string[] {
    return this.dirs.map((dir) => path.join(dir, "cgroup.procs"));
  }

  private get memoryDir() {
    return this.dirs[0]!;
  }

  private get pidsDir() {
    return this.dirs[this.dirs.length - 1]!;
  }

  /** Limits hit so far: processes the kernel killed for memory, forks refused at the process limit. */
  events(): { oomKills: number; forksRefused: number } {
    const oomFile = this.support.version === 1 ? "memory.oom_control" : "memory.events";
    return {
      oomKills: readCount(path.join(this.memoryDir, oomFile), "oom_kill"),
      forksRefused: readCount(path.join(this.pidsDir, "pids.events"), "max"),
    };
  }

  pids(): number[] {
    const found = new Set<number>();
    for (const file of this.procsFiles) {
      try {
        for (const line of fs.readFileSync(file, "utf8").split("\n")) if (line) found.add(Number(line));
      } catch {
        // already removed
      }
    }
    return [...found];
  }

  /** SIGKILL to every process in the run, wherever it moved in its process groups or sessions. */
  killAll() {
    for (let round = 0; round < 10; round++) {
      const pids = this.pids();
      if (pids.length === 0) return;
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  }

  /** Removes the groups (retrying while the last processes are reaped). */
  async remove() {
    for (let tries = 0; tries < 50; tries++) {
      this.killAll();
      const left = this.dirs.filter((dir) => {
        try {
          fs.rmdirSync(dir);
          return false;
        } catch (error) {
          return (error as NodeJS.ErrnoException).code !== "ENOENT";
        }
      });
      if (left.length === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
