import "server-only";
import { execFileSync } from "node:child_process";
import { config } from "@/lib/config";
import { detectCgroups, type CgroupSupport } from "./cgroup";
import { findExecutable, serverPathDirs } from "./executables";

/**
 * What this machine can do to confine agents, found out once per process:
 * bubblewrap (namespaces and the filesystem view), slirp4netns (outbound
 * network for agents that may use it, without the host's loopback), and
 * cgroups (memory and process limits). /admin/security shows it.
 */
export type SandboxStatus = {
  /** SANDBOX as configured. */
  mode: "auto" | "on" | "off";
  /** bubblewrap is installed and a trial sandbox ran. */
  available: boolean;
  bwrap: { path: string; version: string } | null;
  slirp4netns: { path: string; version: string } | null;
  cgroups: CgroupSupport | null;
  /** Why it is not available, and what to install (empty when it is). */
  problems: string[];
};

export const INSTALL_HINT = "install bubblewrap and slirp4netns (Debian/Ubuntu: apt-get install bubblewrap slirp4netns)";

function versionOf(file: string): string {
  try {
    const out = execFileSync(file, ["--version"], { encoding: "utf8", timeout: 5_000, stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\n")[0]!.replace(/^[a-z0-9_-]+\s+(version\s+)?/i, "").trim();
  } catch {
    return "unknown";
  }
}

/** Runs `true` in the smallest sandbox we make: proves namespaces work here (not in every container). */
function trial(bwrap: string): string | null {
  try {
    execFileSync(
      bwrap,
      ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--", "true"],
      { timeout: 10_000, stdio: ["ignore", "ignore", "pipe"] },
    );
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error instanceof Error ? error.message : String(error));
  }
}

function detect(): SandboxStatus {
  const mode = config().sandbox;
  const dirs = serverPathDirs();
  const problems: string[] = [];
  const bwrapPath = findExecutable("bwrap", dirs);
  const slirpPath = findExecutable("slirp4netns", dirs);
  let bwrap: SandboxStatus["bwrap"] = null;
  if (!bwrapPath) {
    problems.push(`bubblewrap (bwrap) is not installed: ${INSTALL_HINT}`);
  } else {
    bwrap = { path: bwrapPath, version: versionOf(bwrapPath) };
    const failed = trial(bwrapPath);
    if (failed) {
      problems.push(`bubblewrap cannot create namespaces on this machine (${failed}); allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run on a host that has them`);
      bwrap = null;
    }
  }
  if (!slirpPath) problems.push(`slirp4netns is not installed, so agents with network access cannot run: ${INSTALL_HINT}`);
  return {
    mode,
    available: problems.length === 0,
    bwrap,
    slirp4netns: slirpPath ? { path: slirpPath, version: versionOf(slirpPath) } : null,
    cgroups: detectCgroups(),
    problems,
  };
}

let cached: SandboxStatus | undefined;

export function sandboxStatus(): SandboxStatus {
  cached ??= detect();
  return cached;
}

/** Tests change SANDBOX between cases. */
export function resetSandboxStatusForTests() {
  cached = undefined;
}
