import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, yieldToEventLoop } from "@/db/client";
import { agentRuns, runEvents, users } from "@/db/schema";
import { JOB_TYPES, PLANS } from "@/lib/domain";
import { planNumberSql } from "@/lib/billing/limits";
import { PLAN_LIMITS } from "@/lib/billing/plans";
import { recurringJobDefinition, scheduleRecurring, type RecurringJob } from "@/lib/queue/recurring";
import { TERMINAL_STATUSES } from "./wire";

/**
 * Log retention: a finished run's events (run_events) are deleted once the run
 * completed more than its owner's plan's `logRetentionDays` ago
 * (lib/billing/plans.ts). The agent_runs row stays (status, tokens and cost
 * remain in history); its `output` JSON gets `logPruned: true` and
 * `logPrunedAt`, so readers can say "logs expired" instead of "no output".
 *
 * The prune runs as the `prune_logs` job (lib/server/job-handlers.ts), which
 * re-enqueues itself for a day later; schedulePruning() starts the chain.
 */

export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Runs whose events are deleted per round (their ids go into an IN list). */
const RUNS_PER_ROUND = 200;
/** run_events rows per DELETE: each statement holds the write lock only briefly. */
const EVENTS_PER_DELETE = 5_000;

/** Days the owner's plan keeps logs, as SQL over users.plan. */
function retentionDaysSql(): SQL {
  // A plan missing here (should not happen) keeps its logs for the longest retention we know.
  const longest = Math.max(...PLANS.map((p) => PLAN_LIMITS[p].logRetentionDays));
  return planNumberSql("logRetentionDays", users.plan, longest);
}

/** Ids of finished, not yet pruned runs whose retention ran out at `nowIso`. */
async function expiredRunIds(nowIso: string, limit: number): Promise<string[]> {
  const terminal = sql.join(
    TERMINAL_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  // Cutoff = now - N days, in the same ISO format as completed_at, so the comparison is a string compare.
  const cutoff = sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${nowIso}, '-' || ${retentionDaysSql()} || ' days')`;
  const rows = await db().all<{ id: string }>(sql`
    SELECT ${agentRuns.id} AS id FROM ${agentRuns}
    JOIN ${users} ON ${users.id} = ${agentRuns.userId}
    WHERE ${agentRuns.status} IN (${terminal})
      AND ${agentRuns.completedAt} IS NOT NULL
      AND ${agentRuns.completedAt} < ${cutoff}
      AND coalesce(json_extract(${agentRuns.output}, '$.logPruned'), 0) = 0
    LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

export type PruneResult = { runs: number; events: number };

/**
 * Delete the events of every finished run past its owner's retention, in
 * bounded statements (at most EVENTS_PER_DELETE rows each, no transaction held
 * across an await), and mark those runs `logPruned`. Safe to run in several
 * processes at once and to resume after a crash: a run is marked only after
 * its events are gone, and marked runs are skipped.
 */
export async function pruneExpiredLogs(now: Date = new Date()): Promise<PruneResult> {
  const nowIso = now.toISOString();
  const total: PruneResult = { runs: 0, events: 0 };
  for (;;) {
    const ids = await expiredRunIds(nowIso, RUNS_PER_ROUND);
    if (ids.length === 0) return total;
    const idList = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    for (;;) {
      const result = await db().run(sql`
        DELETE FROM ${runEvents} WHERE rowid IN (
          SELECT rowid FROM ${runEvents} WHERE ${runEvents.runId} IN (${idList}) LIMIT ${EVENTS_PER_DELETE}
        )`);
      total.events += result.rowsAffected;
      if (result.rowsAffected < EVENTS_PER_DELETE) break;
      await yieldToEventLoop(); // a year of logs is many rounds: the server answers between them
    }
    const marked = await db().run(sql`
      UPDATE ${agentRuns}
      SET output = json_set(coalesce(${agentRuns.output}, '{}'), '$.logPruned', json('true'), '$.logPrunedAt', ${nowIso})
      WHERE ${agentRuns.id} IN (${idList}) AND coalesce(json_extract(${agentRuns.output}, '$.logPruned'), 0) = 0`);
    total.runs += marked.rowsAffected;
    await yieldToEventLoop();
  }
}

const pruneLogs: RecurringJob = { type: JOB_TYPES.pruneLogs, intervalMs: PRUNE_INTERVAL_MS, run: () => pruneExpiredLogs() };

/** Start the daily prune chain (at server and worker start; one job across every process). */
export function schedulePruning(runAt: Date = new Date()): Promise<boolean> {
  return scheduleRecurring(pruneLogs, runAt);
}

/** The prune_logs job: prune, then schedule the next round a day later. */
export const pruneLogsJobDefinition = recurringJobDefinition(pruneLogs);
