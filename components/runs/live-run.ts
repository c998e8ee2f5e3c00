import type { RunStatus } from "@/lib/domain";

/** What the live run view needs of a run (the rest of the run row stays on the server). */
export type RunViewRun = {
  id: string;
  status: RunStatus;
  exitCode: number | null;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  startedAt: string | null;
  completedAt: string | null;
};

/** Picks those fields from a run (lib/runs getRunForUser), for pages that render <RunView>. */
export function liveRun(run: RunViewRun): RunViewRun {
  const { id, status, exitCode, error, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd, startedAt, completedAt } = run;
  return { id, status, exitCode, error, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd, startedAt, completedAt };
}
