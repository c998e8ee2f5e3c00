import "server-only";
import type { JobDefinition } from "@/lib/queue/types";
import { cleanupWorktreesJob } from "./cleanup";
import { runAttemptJob } from "./run-attempt";

/** The `run_attempt` job (lib/attempts/run-attempt.ts) and the hourly `cleanup_worktrees` job (lib/attempts/cleanup.ts). */
export const runAttemptJobDefinition: JobDefinition = runAttemptJob;
export const cleanupWorktreesJobDefinition: JobDefinition = cleanupWorktreesJob;
