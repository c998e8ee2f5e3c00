import "server-only";
import type { JobDefinition } from "@/lib/queue/types";

/** The `run_attempt` and `cleanup_worktrees` jobs (placeholders until the attempts work lands). */
export const runAttemptJobDefinition: JobDefinition = { run: async () => ({ skipped: true }) };
export const cleanupWorktreesJobDefinition: JobDefinition = { run: async () => ({ skipped: true }) };
