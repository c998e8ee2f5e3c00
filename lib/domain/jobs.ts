export const JOB_STATUSES = ["pending", "running", "done", "failed", "dead", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Every job type the app's workers run, named once: the jobs table's `type`. */
export const JOB_TYPES = {
  noop: "noop",
  runAgent: "run_agent",
  pruneLogs: "prune_logs",
  refineIdea: "refine_idea",
  runAttempt: "run_attempt",
  cleanupWorktrees: "cleanup_worktrees",
  runConversation: "run_conversation",
  runImport: "run_import",
  purgeTrash: "purge_trash",
  scheduledBackup: "scheduled_backup",
  analyzeLink: "analyze_link",
} as const;
export type JobType = (typeof JOB_TYPES)[keyof typeof JOB_TYPES];

/**
 * The job types that run an agent or a script for a user: they count toward
 * (and are limited by) the plan's concurrent-run limit when claimed.
 */
export const RUN_JOB_TYPES: readonly string[] = [JOB_TYPES.runAgent, JOB_TYPES.runAttempt, JOB_TYPES.refineIdea, JOB_TYPES.runConversation, JOB_TYPES.analyzeLink];
