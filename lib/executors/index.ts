import "server-only";
import { EXECUTORS, type Executor as ExecutorId } from "@/lib/domain";
import type { Executor } from "./types";
import { anthropicExecutor } from "./anthropic";
import { claudeCodeExecutor } from "./claude-code";
import { codexExecutor } from "./codex";
import { geminiExecutor } from "./gemini";
import { openAiCompatibleExecutor } from "./openai-compatible";
import { scriptExecutor } from "./script";

export type { Executor, ExecutorContext, ExecutorResult, RunLogEvent, UsageReport } from "./types";

/** Every executor, one module each, behind the one interface of ./types. */
const registry: Record<ExecutorId, Executor> = {
  "claude-code": claudeCodeExecutor,
  "openai-compatible": openAiCompatibleExecutor,
  anthropic: anthropicExecutor,
  codex: codexExecutor,
  gemini: geminiExecutor,
  script: scriptExecutor,
};

export function isExecutorId(id: string): id is ExecutorId {
  return (EXECUTORS as readonly string[]).includes(id);
}

/** The executor for an agent's `executor` column. */
export function getExecutor(id: ExecutorId): Executor {
  return registry[id];
}
