import "server-only";
import { config } from "@/lib/config";
import type { Executor } from "@/lib/domain";
import { ANTHROPIC_DEFAULT_BASE_URL } from "@/lib/executors/anthropic";
import { OPENAI_DEFAULT_BASE_URL } from "@/lib/executors/openai-compatible";
import { resolveProvider } from "@/lib/executors/provider";

/*
 * Who served a run, for usage by provider: `anthropic`, `openai` and `google` for the providers'
 * own APIs, the host (with its port) of any other base URL an executor talked to, so a local vLLM
 * or Ollama server is a row of its own, and '' for runs with no provider (scripts). Recorded on
 * usage_records when the run ends (lib/runs/execute.ts), summed by the rollup triggers.
 */

const FAMILY: Partial<Record<Executor, { name: string; defaultBaseUrl: string; server: () => { baseUrl?: string } }>> = {
  "openai-compatible": { name: "openai", defaultBaseUrl: OPENAI_DEFAULT_BASE_URL, server: () => ({ baseUrl: config().openaiBaseUrl }) },
  codex: { name: "openai", defaultBaseUrl: OPENAI_DEFAULT_BASE_URL, server: () => ({ baseUrl: config().openaiBaseUrl }) },
  anthropic: { name: "anthropic", defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL, server: () => ({ baseUrl: config().anthropicBaseUrl }) },
  "claude-code": { name: "anthropic", defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL, server: () => ({ baseUrl: config().anthropicBaseUrl }) },
};

/** The provider key of a run of `executor` with the user's own provider settings `own` (as the executor resolves its base URL). */
export function providerKeyFor(executor: Executor, own: { baseUrl?: string }): string {
  if (executor === "gemini") return "google";
  const family = FAMILY[executor];
  if (!family) return "";
  const { baseUrl } = resolveProvider(own, family.server(), family.defaultBaseUrl);
  let host: string;
  try {
    host = new URL(baseUrl).host.toLowerCase();
  } catch {
    return family.name; // the executor refuses such a URL; its run used no provider's host
  }
  return host === new URL(family.defaultBaseUrl).host ? family.name : host;
}
