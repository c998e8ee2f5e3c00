import { RUN_STATUSES } from "./runs";

export const TASK_TYPES = ["feature", "bugfix", "refactor", "chore"] as const;
export const TASK_STATUSES = ["queued", "in_progress", "review", "blocked", "done", "cancelled"] as const;
/** Attempts and their processes move through the same states as a run. */
export const ATTEMPT_STATUSES = RUN_STATUSES;
export const PROCESS_KINDS = ["setup", "coding_agent", "cleanup"] as const;
export const MERGE_KINDS = ["direct", "pr"] as const;
export const DRAFT_STATUSES = ["queued", "sent", "cancelled"] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export type ProcessKind = (typeof PROCESS_KINDS)[number];
export type MergeKind = (typeof MERGE_KINDS)[number];
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
