import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { runEvents } from "@/db/schema";
import type { RunSource } from "@/lib/domain";
import type { AgentView } from "@/lib/agents/schemas";
import { createRun, runInputOf } from "./lifecycle";

/**
 * The idea pipeline's steps (a refinement, an attempt's setup script, its
 * coding agent, each follow-up) are ordinary runs: they show in /runs, stream
 * through the same SSE, count against the plan and record usage. They are
 * created here without a job of their own and executed, in order, by the
 * pipeline's job with `executeRun` (lib/runs/execute.ts).
 */

/** The pipeline step a turn belongs to: shown on /runs as its source, with a link back. */
export type TurnSource = { source: Exclude<RunSource, "manual" | "api">; sourceId: string };

/**
 * A turn of `agent` on `prompt`. Script agents are programs: they run their
 * default task as the bash command, with the prompt in $SWITCHBOARD_PROMPT
 * (an agent with no default task runs the prompt itself, as /runs does).
 * Returns the run id.
 */
export async function createAgentTurn(
  userId: string,
  turn: {
    agent: AgentView;
    projectId: string;
    prompt: string;
    cwd?: string;
    resumeSessionId?: string | null;
    conversationId?: string;
    from?: TurnSource;
    /** Never let it write its folder, whatever the agent allows (a link's analysis reads untrusted text). */
    readOnly?: boolean;
  },
): Promise<string> {
  const { agent } = turn;
  const isScript = agent.executor === "script";
  const task = isScript ? agent.defaultTask?.trim() || turn.prompt : turn.prompt;
  return createRun(
    userId,
    {
      agentId: agent.id,
      projectId: turn.projectId,
      executor: agent.executor,
      task,
      model: isScript ? null : agent.model,
      input: {
        ...runInputOf(agent),
        ...(turn.readOnly ? { enableFileWrite: false } : {}),
        cwd: turn.cwd,
        env: { SWITCHBOARD_PROMPT: turn.prompt },
        ...(turn.resumeSessionId ? { resumeSessionId: turn.resumeSessionId } : {}),
        ...(turn.conversationId ? { conversationId: turn.conversationId } : {}),
      },
      ...turn.from,
    },
    { enqueue: false },
  );
}

/** A bash command as a run of its own (a project's setup script), in `cwd`. */
export async function createScriptTurn(userId: string, turn: { projectId: string; command: string; cwd: string; from?: TurnSource }): Promise<string> {
  return createRun(
    userId,
    {
      agentId: null,
      projectId: turn.projectId,
      executor: "script",
      task: turn.command,
      model: null,
      input: { systemPrompt: "", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: true, cwd: turn.cwd },
      ...turn.from,
    },
    { enqueue: false },
  );
}

/**
 * What the agent said, as plain text: its stdout text and result lines in
 * order (what a refinement's structured block is parsed from).
 */
export async function runOutputText(runId: string): Promise<string> {
  const rows = await db()
    .select({ payload: runEvents.payload })
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.stream, "stdout"), inArray(runEvents.kind, ["text", "result"])))
    .orderBy(asc(runEvents.seq));
  return rows.map((r) => String((r.payload as { text?: unknown }).text ?? "")).join("\n");
}
