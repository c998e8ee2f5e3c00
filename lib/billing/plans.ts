import type { Plan } from "@/lib/domain";

/**
 * The one place that knows what each plan allows. Everything that enforces a
 * limit (actions, API, queue) or shows one (/billing, GET /api/v1/me) reads it
 * from here. `null` means unlimited.
 */
export const PLAN_LIMITS = {
  FREE: {
    agents: 3,
    projects: 2,
    concurrentRuns: 1,
    runsPerMonth: 100,
    logRetentionDays: 14,
    imageStorageBytes: 100 * 1024 * 1024,
    apiTokens: 50,
    tags: 500,
  },
  PRO: {
    agents: null,
    projects: null,
    concurrentRuns: 5,
    runsPerMonth: 10_000,
    logRetentionDays: 180,
    imageStorageBytes: 5 * 1024 * 1024 * 1024,
    apiTokens: 50,
    tags: 500,
  },
} as const satisfies Record<Plan, PlanLimits>;

export type PlanLimits = {
  agents: number | null;
  projects: number | null;
  concurrentRuns: number;
  runsPerMonth: number;
  logRetentionDays: number;
  /** Total size of the images a user has uploaded to tasks. */
  imageStorageBytes: number;
  /** API tokens not revoked. */
  apiTokens: number;
  tags: number;
};

export function limitsFor(plan: Plan): PlanLimits {
  return PLAN_LIMITS[plan];
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * What one run may use, by plan: the sandbox (lib/sandbox) enforces these on
 * every process started for a user, and lib/runs stops a run at its wall-clock
 * and output limits. A run that passes one is stopped with a message naming it.
 */
export const RUN_LIMITS = {
  FREE: {
    memoryBytes: 1 * GiB,
    processes: 128,
    cpuSeconds: 30 * 60,
    fileSizeBytes: 1 * GiB,
    openFiles: 1024,
    diskWriteBytes: 2 * GiB,
    wallClockMs: 30 * 60 * 1000,
    outputBytes: 20 * MiB,
  },
  PRO: {
    memoryBytes: 4 * GiB,
    processes: 512,
    cpuSeconds: 6 * 60 * 60,
    fileSizeBytes: 8 * GiB,
    openFiles: 4096,
    diskWriteBytes: 20 * GiB,
    wallClockMs: 6 * 60 * 60 * 1000,
    outputBytes: 200 * MiB,
  },
} as const satisfies Record<Plan, RunLimits>;

export type RunLimits = {
  memoryBytes: number;
  processes: number;
  /** CPU time of each process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Largest file a process may write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  openFiles: number;
  /** How much the run may grow its project folder or worktree. */
  diskWriteBytes: number;
  wallClockMs: number;
  /** Output stored in the run's log. */
  outputBytes: number;
};

export function runLimitsFor(plan: Plan): RunLimits {
  return RUN_LIMITS[plan];
}

/**
 * The most one checkpoint of a conversation's project may hold (uncompressed, before
 * deduplication): a project past it is not snapshotted, and the conversation says so.
 */
export const CHECKPOINT_LIMITS = {
  FREE: { checkpointBytes: 200 * MiB },
  PRO: { checkpointBytes: 2 * GiB },
} as const satisfies Record<Plan, { checkpointBytes: number }>;

export function checkpointBytesFor(plan: Plan): number {
  return CHECKPOINT_LIMITS[plan].checkpointBytes;
}

/**
 * The largest file one import may bring (`POST /imports`, /import): opcode's agents.db,
 * vibe-kanban's db.sqlite, a Claude Code session or a zip of them. A zip's unpacked sessions
 * may hold at most `importUnpackedBytes`.
 */
export const IMPORT_LIMITS = {
  FREE: { importFileBytes: 100 * MiB, importUnpackedBytes: 400 * MiB },
  PRO: { importFileBytes: 1 * GiB, importUnpackedBytes: 4 * GiB },
} as const satisfies Record<Plan, { importFileBytes: number; importUnpackedBytes: number }>;

export function importLimitsFor(plan: Plan): { importFileBytes: number; importUnpackedBytes: number } {
  return IMPORT_LIMITS[plan];
}
