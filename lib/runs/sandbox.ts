import "server-only";
import type { Executor, Plan } from "@/lib/domain";
import type { RunLimits } from "@/lib/billing/plans";
import { repoLayout } from "@/lib/git/layout";
import { mustConfine, runsUserCode } from "@/lib/sandbox/policy";
import type { SandboxSpec } from "@/lib/sandbox/spec";
import { userHome } from "@/lib/sandbox/support";

/**
 * The sandbox a run's processes get: its own folder (the project, or an
 * attempt's worktree with the repository's shared `.git`, which git in a
 * worktree needs), writable only with enableFileWrite; the user's private
 * HOME; network only with enableNetwork; the plan's limits. Nothing else of
 * the machine's: no DATA_DIR, no other project, no other user.
 *
 * Returns null when no sandbox applies (an in-server executor, SANDBOX=off,
 * or an admin on a server without one); throws the "agents cannot run here"
 * error for anyone else on a server without one.
 */
export function runSandbox(run: {
  userId: string;
  role: "admin" | "user";
  executor: Executor;
  cwd: string;
  enableFileWrite: boolean;
  enableNetwork: boolean;
  /** The plan's (lib/billing/plans.ts RUN_LIMITS). */
  limits: RunLimits & { plan: Plan };
}): SandboxSpec | null {
  if (!runsUserCode(run.executor) || !mustConfine(run.role)) return null;
  const layout = repoLayout(run.cwd);
  // A linked worktree's objects and refs live in the repository's .git, outside the worktree.
  const sharedGit = layout && layout.top !== layout.mainTop && !layout.commonDir.startsWith(`${layout.top}/`) ? layout.commonDir : null;
  return {
    cwd: run.cwd,
    writable: run.enableFileWrite,
    binds: sharedGit ? [{ path: sharedGit, writable: run.enableFileWrite }] : [],
    home: userHome(run.userId),
    network: run.enableNetwork,
    env: {},
    limits: run.limits,
  };
}
