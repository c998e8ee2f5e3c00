import type { Executor as ExecutorId } from "@/lib/domain";
import type { AgentTooling } from "@/lib/mcp/formats";
import type { SandboxSpec } from "@/lib/sandbox/spec";

/**
 * One line of a run's output as a person reads it, typed. Executors emit
 * these; lib/runs numbers them (seq) and stores them in run_events.
 */
export type RunLogEvent = {
  stream: "stdout" | "stderr" | "system";
  /** "text" | "tool_use" | "tool_result" | "thinking" | "result" | "init" | "error" | ... */
  kind: string;
  /** The line as a person reads it (may contain ANSI colour codes for CLI output). */
  text: string;
  level?: "info" | "warn" | "error";
  /** Structured extras for the viewer, e.g. { tool, input } for tool_use. */
  data?: Record<string, unknown>;
};

export type UsageReport = {
  model?: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** What the provider says it cost; null when it reports tokens only (priced from the models table). */
  costUsd: number | null;
};

/** One earlier message of a conversation, for executors that keep no session of their own. */
export type HistoryMessage = { role: "user" | "assistant"; content: string };

export type ExecutorContext = {
  runId: string;
  task: string;
  model: string | null;
  /** The project (or worktree) directory the agent works in. */
  cwd: string;
  agent: {
    systemPrompt: string;
    tools: string[];
    enableFileRead: boolean;
    enableFileWrite: boolean;
    enableNetwork: boolean;
  };
  /**
   * How child processes are confined (lib/runs/sandbox.ts builds it from the run's user, plan,
   * folder and agent). null only where lib/sandbox/policy allows an unconfined process.
   */
  sandbox: SandboxSpec | null;
  /**
   * Whether an agent CLI may be given the server-wide provider key (an admin setting): a key an
   * agent is given is readable by it. The in-server executors use the server's key either way.
   */
  shareServerKeys: boolean;
  /** Extra environment for child processes (the script executor passes SWITCHBOARD_PROMPT this way). */
  env?: Record<string, string>;
  /** Provider settings already resolved: the user's own key/base URL, else the server's. */
  provider: { apiKey?: string; baseUrl?: string };
  /**
   * The agent's MCP servers (secrets opened) and hooks, for CLIs that take them. executeRun always
   * sets it, so a run gets exactly its agent's servers; absent, the CLI is given nothing about them.
   */
  tooling?: AgentTooling;
  /** A previous session to resume (claude-code), if any. */
  resumeSessionId?: string | null;
  /** Resume into a new session, leaving the resumed one as it was (claude-code `--fork-session`: a forked conversation's first turn). */
  forkSession?: boolean;
  /**
   * A conversation's earlier messages, oldest first, for the HTTP executors (openai-compatible,
   * anthropic), which send the whole history each turn (lib/executors/history.ts trims it).
   */
  history?: HistoryMessage[];
  /** Aborted when the run is cancelled: stop promptly (process group: SIGTERM, then SIGKILL after a grace period). */
  signal: AbortSignal;
  emit(event: RunLogEvent): void;
  /** Called once a child process is running, so the run row can record its pid. */
  onSpawn?(pid: number): void;
};

export type ExecutorResult = {
  /** Process exit code, or 0/1 for HTTP executors. null when killed by a signal. */
  exitCode: number | null;
  /** A clear, actionable sentence when the run failed (missing binary or key, HTTP 401, ...). */
  error?: string;
  usage?: UsageReport;
  sessionId?: string | null;
};

/**
 * Every executor implements this. Expected failures (missing CLI, missing key,
 * provider errors, non-zero exit) come back as `{ error }`, never as a throw.
 */
export interface Executor {
  id: ExecutorId;
  run(ctx: ExecutorContext): Promise<ExecutorResult>;
}
