import "server-only";
import type { Executor } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { INSTALL_HINT, sandboxStatus } from "./status";

/**
 * The one decision of whether a process started for a user runs confined:
 *
 * - SANDBOX=off: never (a single trusted user; the admin console says so on every page);
 * - the sandbox works here (auto or on): always, for everyone;
 * - auto, and it cannot run here: refused for everyone but admins, whose runs
 *   go unconfined under a warning banner. Never silently unconfined.
 *
 * SANDBOX=on refuses to start the server without it (assertSandboxAtStart).
 */

/** Executors that run in the server and start no process of the user's. */
const IN_SERVER: readonly Executor[] = ["openai-compatible", "anthropic"];

export function runsUserCode(executor: Executor): boolean {
  return !IN_SERVER.includes(executor);
}

/** True when processes are to be confined; false only when SANDBOX=off or an admin runs without one. */
export function mustConfine(role: "admin" | "user"): boolean {
  const status = sandboxStatus();
  if (status.mode === "off") return false;
  if (status.available) return true;
  if (role === "admin") return false;
  throw new AppError(
    "forbidden",
    `Agents cannot run on this server yet: it has no sandbox to confine them in. Ask an administrator to ${INSTALL_HINT}.`,
  );
}

/** Whether the server's own commands in users' folders (git) are confined too. */
export function sandboxInUse(): boolean {
  const status = sandboxStatus();
  return status.mode !== "off" && status.available;
}

/** What the admin console warns about on every page, or null when agents are confined. */
export function sandboxWarning(): "off" | "unavailable" | null {
  const status = sandboxStatus();
  if (status.mode === "off") return "off";
  return status.available ? null : "unavailable";
}

/** SANDBOX=on: the server does not start without a working sandbox. */
export function assertSandboxAtStart() {
  const status = sandboxStatus();
  if (status.mode === "on" && !status.available) {
    throw new Error(`SANDBOX=on but the sandbox cannot run here: ${status.problems.join("; ")}`);
  }
}

/** One line for the server's log at start: how agents will be confined here. */
export function describeSandbox(): string {
  const s = sandboxStatus();
  if (s.mode === "off") return "Sandbox: OFF (SANDBOX=off): agents run unconfined, as the server's own user. Only for a single trusted user.";
  if (!s.available) return `Sandbox: NOT AVAILABLE: agents are refused for everyone but admins. ${s.problems.join("; ")}`;
  const limits = s.cgroups ? `cgroup v${s.cgroups.version} limits` : "rlimit limits (no writable cgroup: memory counted per process, process limit only for a non-root server)";
  return `Sandbox: bubblewrap ${s.bwrap?.version}, slirp4netns ${s.slirp4netns?.version}, ${limits}.`;
}
