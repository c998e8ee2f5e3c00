import "server-only";
import { runAgentJobDefinition } from "@/lib/runs/execute";
import { pruneLogsJobDefinition } from "@/lib/runs/retention";
import { refineIdeaJobDefinition } from "@/lib/ideas/refine-job";
import { cleanupWorktreesJobDefinition, runAttemptJobDefinition } from "@/lib/attempts/jobs";
import { runConversationJob } from "@/lib/conversations/run-conversation";
import { runImportJobDefinition } from "@/lib/imports/job";
import { purgeTrashJobDefinition } from "@/lib/trash/trash";
import { scheduledBackupJobDefinition } from "@/lib/backup/schedule";
import { analyzeLinkJobDefinition } from "@/lib/links/analyze-job";
import type { JobHandlers } from "@/lib/queue/types";
import { JOB_TYPES } from "@/lib/domain";

/**
 * Every job type the app's workers run, in one place, so the inline worker and
 * `npm run worker` claim exactly the same types. Add a type by importing its
 * handler here under its name from JOB_TYPES (lib/domain/jobs.ts), with an
 * `onInterrupted` that marks the run failed when its worker died).
 */
export const jobHandlers: JobHandlers = {
  /** Does nothing; lets an operator or a test check that a worker is alive. */
  [JOB_TYPES.noop]: async () => ({ ok: true }),
  [JOB_TYPES.runAgent]: runAgentJobDefinition,
  /** Daily: deletes run logs past the owner's plan retention, then re-enqueues itself (lib/runs/retention.ts). */
  [JOB_TYPES.pruneLogs]: pruneLogsJobDefinition,
  /** Runs a refinement agent on an idea and turns its questions block into question rows (lib/ideas). */
  [JOB_TYPES.refineIdea]: refineIdeaJobDefinition,
  /** An attempt's setup script, coding agent and queued follow-ups, in its worktree, in order (lib/attempts). */
  [JOB_TYPES.runAttempt]: runAttemptJobDefinition,
  /** Removes worktrees of finished attempts past WORKTREE_TTL_HOURS, never unmerged work unless discarded (lib/attempts). */
  [JOB_TYPES.cleanupWorktrees]: cleanupWorktreesJobDefinition,
  /** A conversation's waiting messages, one turn (run) at a time, in order, each resuming the session (lib/conversations). */
  [JOB_TYPES.runConversation]: runConversationJob,
  /** Reads a file brought from opcode, vibe-kanban or Claude Code and writes what it holds, all or nothing (lib/imports). */
  [JOB_TYPES.runImport]: runImportJobDefinition,
  /** Daily: deletes for good what has been in the trash for 30 days (lib/trash). */
  [JOB_TYPES.purgeTrash]: purgeTrashJobDefinition,
  /** Hourly: a backup under DATA_DIR/backups when an admin turned daily backups on and one is due (lib/backup). */
  [JOB_TYPES.scheduledBackup]: scheduledBackupJobDefinition,
  /** Fetches a saved link's page and has an agent say what it is about and why to care, as a run (lib/links). */
  [JOB_TYPES.analyzeLink]: analyzeLinkJobDefinition,
};
