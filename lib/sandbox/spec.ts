import type { Plan } from "@/lib/domain";
import type { RunLimits } from "@/lib/billing/plans";

/** What a sandboxed process may see and use. Every path is bound at its own path. */
export type SandboxSpec = {
  /** The folder it starts in: a project folder or an attempt's worktree. */
  cwd: string;
  /** Whether it may write `cwd` (the agent's enableFileWrite). */
  writable: boolean;
  /** Other folders it needs, e.g. the repository an attempt's worktree belongs to. */
  binds?: Array<{ path: string; writable: boolean }>;
  /** Folders of programs it runs (agent CLIs outside the system folders), read-only. */
  programDirs?: string[];
  /** The user's private HOME on the host, shown as /home/agent; null for an empty one that is gone afterwards. */
  home: string | null;
  /** Outbound network (the agent's enableNetwork); never the host's loopback. */
  network: boolean;
  /** Its whole environment besides PATH, HOME, USER, LANG, TERM and TMPDIR: nothing of the server's. */
  env: Record<string, string>;
  /**
   * Files only this process sees, read-only, at absolute paths under /run/switchboard/ (an MCP
   * config, Claude Code settings). Each is written to a private host file (0600) that is bound
   * at its path and removed when the process ends; secrets in them exist nowhere else on disk.
   */
  files?: Array<{ path: string; content: string }>;
  /** The plan's limits, or null for the server's own short git commands (open files and file size only). */
  limits: (SandboxLimits & { plan: Plan }) | null;
};

export type SandboxLimits = Pick<RunLimits, "memoryBytes" | "processes" | "cpuSeconds" | "fileSizeBytes" | "openFiles" | "diskWriteBytes">;

/** Where SandboxSpec.files live inside the sandbox. */
export const SANDBOX_FILES_DIR = "/run/switchboard";

/** What the process is called inside, and where its HOME is. */
export const SANDBOX_USER = { name: "agent", uid: 1000, gid: 1000, home: "/home/agent" } as const;
