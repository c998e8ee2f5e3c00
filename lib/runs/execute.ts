import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { agentRuns, projects, users, type Job } from "@/db/schema";
import { type Executor as ExecutorId } from "@/lib/domain";
import { runLimitsFor, type RunLimits } from "@/lib/billing/plans";
import { providerCredentials } from "@/lib/providers/keys";
import { getExecutor, type ExecutorResult, type RunLogEvent } from "@/lib/executors";
import { limitMessage } from "@/lib/sandbox/messages";
import { getAppSetting } from "@/lib/settings/app-settings";
import { nowIso } from "@/lib/domain/ids";
import { JobAbortedError, type JobContext, type JobDefinition } from "@/lib/queue/types";
import { recordRunUsage } from "@/lib/usage/usage";
import { providerKeyFor } from "@/lib/usage/providers";
import { conversationHistory } from "@/lib/conversations/history";
import { createRunLog } from "./event-log";
import { finishRun, type RunInput } from "./lifecycle";
import { notifyRunChanged } from "./notify";
import { runSandbox } from "./sandbox";
import { launchServers } from "@/lib/mcp/launch";
import { notifyRunEnded } from "@/lib/notifications/notifications";

/** The executors that keep no session of their own: a conversation's turn sends them its history. */
const SENDS_HISTORY = new Set<ExecutorId>(["openai-compatible", "anthropic"]);

/** Which of the user's saved provider settings an executor talks to. */
const PROVIDER_OF: Partial<Record<ExecutorId, "openai" | "anthropic">> = {
  "openai-compatible": "openai",
  codex: "openai",
  anthropic: "anthropic",
  "claude-code": "anthropic",
};

/** The user's own key and base URL for this executor, or {} to use the server's. */
async function userProvider(userId: string, executor: ExecutorId): Promise<{ apiKey?: string; baseUrl?: string }> {
  const provider = PROVIDER_OF[executor];
  return provider ? providerCredentials(userId, provider) : {};
}

/** Kill what is left of a run's process group (its worker died with it running). */
function killOrphans(pid: number | null) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone, or not on this host
  }
}

export type RunOutcome = {
  status: "completed" | "failed" | "cancelled" | "skipped";
  exitCode: number | null;
  error: string | null;
  sessionId: string | null;
};

/**
 * Execute one queued run now, inside the calling job: run the agent's
 * executor in the project folder (or the run's own `cwd`, an attempt's
 * worktree), stream every line into the durable log, record usage, and set
 * the final status. Expected failures (missing CLI or key, non-zero exit) end
 * as a failed run with the executor's message; nothing here throws for them.
 * A run that is not queued (cancelled meanwhile) is skipped.
 */
export async function executeRun(
  runId: string,
  signal: AbortSignal,
  /** Tighter limits than the plan's, for tests that must not wait 30 minutes or write a gigabyte. */
  options: { limits?: Partial<RunLimits> } = {},
): Promise<RunOutcome> {
  const skipped: RunOutcome = { status: "skipped", exitCode: null, error: null, sessionId: null };
  const [run] = await db()
    .select({
      id: agentRuns.id,
      userId: agentRuns.userId,
      agentId: agentRuns.agentId,
      projectId: agentRuns.projectId,
      task: agentRuns.task,
      model: agentRuns.model,
      executor: agentRuns.executor,
      status: agentRuns.status,
      input: agentRuns.input,
      sessionId: agentRuns.sessionId,
      cwd: projects.path,
      role: users.role,
      plan: users.plan,
    })
    .from(agentRuns)
    .innerJoin(projects, eq(projects.id, agentRuns.projectId))
    .innerJoin(users, eq(users.id, agentRuns.userId))
    .where(eq(agentRuns.id, runId))
    .limit(1);
  if (!run || run.status !== "queued") return skipped;

  const startedAt = nowIso();
  const started = await db()
    .update(agentRuns)
    .set({ status: "running", startedAt })
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.status, "queued")))
    .returning({ id: agentRuns.id });
  if (started.length === 0) return skipped;
  const log = createRunLog(runId);
  log.append({ event: "status", status: "running", at: startedAt });
  notifyRunChanged(runId);

  const input = (run.input ?? {}) as Partial<RunInput>;
  const cwd = input.cwd ?? run.cwd;
  const enableFileWrite = input.enableFileWrite ?? true;
  const enableNetwork = input.enableNetwork ?? false;
  const limits = { ...runLimitsFor(run.plan), ...options.limits, plan: run.plan };

  // The run's own stop: its plan's wall-clock and output limits, besides cancel and shutdown.
  const stop = new AbortController();
  let stoppedBy: string | null = null;
  const stopAt = (message: string) => {
    stoppedBy ??= message;
    stop.abort(new Error(message));
  };
  const forward = () => stop.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener("abort", forward, { once: true });
  const clock = setTimeout(() => stopAt(limitMessage("wallClock", limits)), limits.wallClockMs);
  let outputBytes = 0;
  const emit = (event: RunLogEvent) => {
    if (stoppedBy) return;
    outputBytes += Buffer.byteLength(event.text, "utf8");
    if (outputBytes > limits.outputBytes) {
      const message = limitMessage("output", limits);
      log.append({ stream: "system", kind: "error", level: "error", text: `${message}: the output was cut here.` });
      return stopAt(message);
    }
    log.append(event);
  };

  // The user's own key and base URL; also what usage by provider records (the host the run talked to).
  let provider: { apiKey?: string; baseUrl?: string } = {};
  let result: ExecutorResult;
  try {
    provider = await userProvider(run.userId, run.executor);
    const sandbox = runSandbox({ userId: run.userId, role: run.role, executor: run.executor, cwd, enableFileWrite, enableNetwork, limits });
    result = await getExecutor(run.executor).run({
      runId,
      task: run.task,
      model: run.model,
      cwd,
      sandbox,
      shareServerKeys: await getAppSetting("shareServerKeysWithAgents"),
      env: input.env,
      resumeSessionId: input.resumeSessionId ?? null,
      forkSession: input.forkSession ?? false,
      history: input.conversationId && SENDS_HISTORY.has(run.executor) ? await conversationHistory(input.conversationId, runId) : undefined,
      tooling: { mcpServers: await launchServers(run.userId, input.mcpServerIds ?? []), hooks: input.hooks ?? null },
      agent: {
        systemPrompt: input.systemPrompt ?? "",
        tools: input.tools ?? [],
        enableFileRead: input.enableFileRead ?? true,
        enableFileWrite,
        enableNetwork,
      },
      provider,
      signal: stop.signal,
      emit,
      onSpawn: (pid) => void db().update(agentRuns).set({ pid }).where(eq(agentRuns.id, runId)).then(undefined, () => {}),
    });
  } catch (error) {
    // An executor bug, a provider key that can no longer be decrypted, or no sandbox here: fail the run, keep the worker.
    result = { exitCode: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(clock);
    signal.removeEventListener("abort", forward);
  }
  if (stoppedBy) result = { ...result, error: stoppedBy };

  // Every run that executed is a run on /usage too, tokens or not (a script run has none), so the
  // runs /usage and the admin console count agree with the plan's monthly count on /dashboard.
  const NO_TOKENS = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: null };
  const costUsd = await recordRunUsage({
    userId: run.userId,
    projectId: run.projectId,
    agentId: run.agentId,
    runId,
    model: run.model,
    provider: providerKeyFor(run.executor, provider),
    report: result.usage ?? NO_TOKENS,
  });
  if (result.usage) {
    const tokens = {
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      cacheReadTokens: result.usage.cacheReadTokens,
      cacheWriteTokens: result.usage.cacheWriteTokens,
    };
    await db().update(agentRuns).set({ ...tokens, costUsd }).where(eq(agentRuns.id, runId));
    log.append({ event: "usage", ...tokens, costUsd, model: result.usage.model ?? run.model });
  }
  if (result.sessionId) await db().update(agentRuns).set({ sessionId: result.sessionId }).where(eq(agentRuns.id, runId));
  await log.close();

  const cancelled = signal.aborted && signal.reason instanceof JobAbortedError && signal.reason.reason === "cancelled";
  let outcome: { status: "completed" | "failed" | "cancelled"; error: string | null };
  if (stoppedBy) outcome = { status: "failed", error: stoppedBy };
  else if (cancelled) outcome = { status: "cancelled", error: null };
  else if (signal.aborted) outcome = { status: "failed", error: "interrupted: the worker stopped" };
  else if (result.error) outcome = { status: "failed", error: result.error };
  else outcome = { status: "completed", error: null };
  const exitCode = outcome.status === "completed" ? (result.exitCode ?? 0) : result.exitCode;
  await finishRun(runId, { status: outcome.status, error: outcome.error, exitCode });
  return { ...outcome, exitCode, sessionId: result.sessionId ?? null };
}

/** The `run_agent` job: one run started from /runs or the API. */
async function runAgentJob({ job, signal }: JobContext) {
  const runId = String((job.payload as { runId?: unknown }).runId ?? "");
  const outcome = await executeRun(runId, signal);
  if (outcome.status !== "skipped") await notifyRunEnded(runId, outcome.status).catch(() => {}); // the run's result stands either way
  return outcome.status === "skipped" ? { skipped: true } : { exitCode: outcome.exitCode };
}

/**
 * A worker died (or stopped) with this run going: its lines are kept, what is
 * left of its process group is killed, and the run fails as interrupted.
 * Jobs that execute runs of their own (attempts, refinements) call this from
 * their `onInterrupted` for the run they were on.
 */
export async function interruptRun(runId: string) {
  const [run] = await db().select({ pid: agentRuns.pid }).from(agentRuns).where(eq(agentRuns.id, runId)).limit(1);
  killOrphans(run?.pid ?? null);
  await finishRun(runId, { status: "failed", error: "interrupted: the worker running it stopped", exitCode: null });
}

async function onRunInterrupted(job: Job) {
  await interruptRun(String((job.payload as { runId?: unknown }).runId ?? job.id));
}

export const runAgentJobDefinition: JobDefinition = { run: runAgentJob, onInterrupted: onRunInterrupted };
