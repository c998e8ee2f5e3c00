import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { keyset } from "@/db/keyset";
import { agentRuns, agents, jobs, projects, runEvents, users } from "@/db/schema";
import { JOB_TYPES, type RunSource, type RunStatus } from "@/lib/domain";
import { AppError, notFoundError } from "@/lib/errors";
import { newId, nowIso } from "@/lib/domain/ids";
import { getAgent } from "@/lib/agents/agents";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { defaultAgentId } from "@/lib/users/settings";
import { assertExecutorEnabled } from "@/lib/admin/executors";
import { getProject } from "@/lib/projects/projects";
import { assertProjectAttached } from "@/lib/projects/detached";
import { projectNotTrashed } from "@/lib/trash/visible";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { mustConfine, runsUserCode } from "@/lib/sandbox/policy";
import { buildJobInsert, cancelJob } from "@/lib/queue/queue";
import { notifyJobsAvailable } from "@/lib/queue/notify";
import { createRunLog, toRow } from "./event-log";
import { notifyRunChanged, notifyRunEvents } from "./notify";
import { getRunForUser, runViewColumns } from "./runs";
import type { RunListQuery, RunStartInput } from "./schemas";


/** What a run keeps of its agent at start, so editing or deleting the agent later does not change it. */
export type RunInput = {
  systemPrompt: string;
  tools: string[];
  enableFileRead: boolean;
  enableFileWrite: boolean;
  enableNetwork: boolean;
  /** The agent's Claude Code hooks, handed over with --settings. */
  hooks?: Record<string, unknown> | null;
  /** The agent's MCP servers (ids; their secrets are read only when the run starts). */
  mcpServerIds?: string[];
  /** Where it runs when not the project folder (an attempt's worktree). */
  cwd?: string;
  /** Extra environment for the child process (SWITCHBOARD_PROMPT for script agents). */
  env?: Record<string, string>;
  /** A previous session of the same agent to resume (an attempt's follow-ups, a conversation's turns). */
  resumeSessionId?: string;
  /** Resume into a new session (a forked conversation's first turn). */
  forkSession?: boolean;
  /** The conversation this run is a turn of: the HTTP executors are sent its earlier messages. */
  conversationId?: string;
};

/** What the runs table needs to create a run; see `startRun` (from the UI/API) and lib/runs/turns.ts (pipeline turns). */
export type NewRunSpec = {
  agentId: string | null;
  projectId: string;
  executor: (typeof agentRuns.$inferInsert)["executor"];
  task: string;
  model: string | null;
  input: RunInput;
  /** Where the run came from (default manual) and the idea, attempt or conversation it belongs to. */
  source?: RunSource;
  sourceId?: string | null;
};

/**
 * Refuses (403, saying so) when the plan's monthly runs are used up. For work
 * that creates its runs later, inside a job (attempts, follow-ups), so the
 * caller hears it now rather than seeing the work fail afterwards. createRun
 * itself still checks inside its INSERT.
 */
export async function assertRunsLeftThisMonth(userId: string): Promise<void> {
  const error = await planLimitError(userId, "runsPerMonth");
  if (error) throw error;
}

/**
 * Insert a queued run for `userId` (callers have checked that the agent and
 * project are theirs). The plan's monthly limit is part of the INSERT. With
 * `enqueue`, its `run_agent` job (same id) commits in the same transaction;
 * without, the caller executes it inside its own job (`executeRun`), as the
 * attempt and refinement jobs do. Returns the run id.
 */
export async function createRun(userId: string, spec: NewRunSpec, { enqueue }: { enqueue: boolean }): Promise<string> {
  await assertExecutorEnabled(spec.executor);
  // An imported project without a folder here runs nothing until it is pointed at one.
  await assertProjectAttached(spec.projectId);
  if (runsUserCode(spec.executor)) {
    // A server that cannot confine agents refuses them up front (403 saying what to install), admins aside.
    const [owner] = await db().select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
    mustConfine(owner?.role ?? "user");
  }
  const id = newId();
  const row: typeof agentRuns.$inferInsert = { id, userId, ...spec, status: "queued" };
  const insert = db().run(guardedInsert(agentRuns, [row], userId, planLimitCondition("runsPerMonth")));
  let inserted;
  if (enqueue) {
    // An interrupted run fails rather than silently running twice: one attempt.
    const job = buildJobInsert({ id, type: JOB_TYPES.runAgent, userId, payload: { runId: id }, maxAttempts: 1 });
    [inserted] = await db().batch([
      insert,
      job,
      // Undo the job when the limit refused the run: all in one transaction.
      db().delete(jobs).where(and(eq(jobs.id, id), sql`NOT EXISTS (SELECT 1 FROM ${agentRuns} WHERE ${agentRuns.id} = ${id})`)),
    ]);
  } else {
    inserted = await insert;
  }
  if (inserted.rowsAffected === 0) throw (await planLimitError(userId, "runsPerMonth")) ?? new AppError("conflict", "Please try again.");
  const log = createRunLog(id);
  log.append({ event: "status", status: "queued" });
  await log.close();
  if (enqueue) notifyJobsAvailable();
  return id;
}

/** What a run copies from its agent (see RunInput). */
export function runInputOf(
  agent: Pick<RunInput, "systemPrompt" | "tools" | "enableFileRead" | "enableFileWrite" | "enableNetwork" | "hooks" | "mcpServerIds">,
): RunInput {
  return {
    hooks: agent.hooks ?? null,
    mcpServerIds: agent.mcpServerIds ?? [],
    systemPrompt: agent.systemPrompt,
    tools: agent.tools,
    enableFileRead: agent.enableFileRead,
    enableFileWrite: agent.enableFileWrite,
    enableNetwork: agent.enableNetwork,
  };
}

/**
 * Start a run: the agent and project must be the caller's; the run row, its
 * queue job (same id) and the plan's monthly limit check commit together.
 * Over the concurrency limit the run simply waits queued (the queue's claim
 * honours it).
 */
export async function startRun(userId: string, input: RunStartInput, source: "manual" | "api" = "manual") {
  const agentId = input.agentId ?? (await defaultAgentId(userId));
  if (!agentId) {
    const text = { key: "settings.me.noDefaultAgent" };
    throw new LocalizedError("validation", text, { agentId: text });
  }
  const [agent, project] = await Promise.all([getAgent(userId, agentId), getProject(userId, input.projectId)]);
  const model = input.model?.trim() || (agent.executor === "script" ? null : agent.model);
  const id = await createRun(
    userId,
    { agentId: agent.id, projectId: project.id, task: input.task, model, executor: agent.executor, input: runInputOf(agent), source },
    { enqueue: true },
  );
  return getRunForUser(userId, id);
}

/** Cancel a queued or running run of the caller's. A finished run is returned as it is. */
export async function cancelRun(userId: string, runId: string) {
  const run = await getRunForUser(userId, runId);
  if (run.status !== "queued" && run.status !== "running") return run;
  // The job shares the run's id. A running job's worker sees the cancel (at once
  // in this process, at its next lease renewal elsewhere) and stops the executor.
  await cancelJob(runId, { userId }).catch((error) => {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
  });
  if (run.status === "queued") await finishRun(runId, { status: "cancelled", error: null, exitCode: null }, ["queued"]);
  return getRunForUser(userId, runId);
}

/** Start the same task again as a new run (the old one stays in the history). */
export async function retryRun(userId: string, runId: string, source: "manual" | "api" = "manual") {
  const [old] = await db()
    .select({ agentId: agentRuns.agentId, projectId: agentRuns.projectId, task: agentRuns.task, model: agentRuns.model, status: agentRuns.status })
    .from(agentRuns)
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.userId, userId), projectNotTrashed(agentRuns.projectId)))
    .limit(1);
  if (!old) throw notFoundError("run");
  if (old.status === "queued" || old.status === "running") throw new AppError("conflict", "This run has not finished yet; cancel it first.");
  if (!old.agentId) throw new AppError("conflict", "This run's agent was deleted, so it cannot be retried.");
  return startRun(userId, { agentId: old.agentId, projectId: old.projectId, task: old.task, model: old.model ?? undefined }, source);
}

/** The caller's runs, newest first, filtered; keyset pagination on the time-ordered id. */
export async function listRuns(userId: string, query: RunListQuery) {
  const page = keyset(agentRuns.id, query);
  const rows = await db()
    .select(runViewColumns)
    .from(agentRuns)
    .innerJoin(projects, eq(projects.id, agentRuns.projectId))
    .leftJoin(agents, eq(agents.id, agentRuns.agentId))
    .where(
      and(
        eq(agentRuns.userId, userId),
        isNull(projects.deletedAt),
        query.status ? eq(agentRuns.status, query.status) : undefined,
        query.agentId ? eq(agentRuns.agentId, query.agentId) : undefined,
        query.projectId ? eq(agentRuns.projectId, query.projectId) : undefined,
        page.where,
      ),
    )
    .orderBy(page.orderBy)
    .limit(page.fetch);
  return page.of(rows);
}

/**
 * Set a run's final status once (only from one of `from`) and log it, in ONE
 * transaction: the status row and its `status` event become visible together,
 * so a viewer that sees the run finished has every event up to the last one.
 * Close the run's event-log writer before calling this. Returns false when
 * the run had already moved on.
 */
export async function finishRun(
  runId: string,
  outcome: { status: Extract<RunStatus, "completed" | "failed" | "cancelled">; error: string | null; exitCode: number | null },
  from: RunStatus[] = ["queued", "running"],
): Promise<boolean> {
  const at = nowIso();
  const event = toRow({ event: "status", status: outcome.status, at, exitCode: outcome.exitCode, error: outcome.error }, at);
  const [updated] = await db().batch([
    db()
      .update(agentRuns)
      .set({ status: outcome.status, error: outcome.error, exitCode: outcome.exitCode, completedAt: at, lastSeq: sql`${agentRuns.lastSeq} + 1` })
      .where(and(eq(agentRuns.id, runId), inArray(agentRuns.status, from)))
      .returning({ lastSeq: agentRuns.lastSeq }),
    // Inserted only if the UPDATE above took (its completed_at is this call's own).
    db().run(sql`INSERT INTO ${runEvents} (run_id, seq, time, stream, level, kind, payload)
      SELECT ${agentRuns.id}, ${agentRuns.lastSeq}, ${at}, ${event.stream}, ${event.level}, ${event.kind}, ${event.payload}
      FROM ${agentRuns} WHERE ${agentRuns.id} = ${runId} AND ${agentRuns.completedAt} = ${at} AND ${agentRuns.status} = ${outcome.status}`),
  ]);
  const lastSeq = updated[0]?.lastSeq;
  if (lastSeq === undefined) return false;
  notifyRunEvents(runId, lastSeq);
  notifyRunChanged(runId);
  return true;
}
