export const EXECUTORS = ["claude-code", "openai-compatible", "anthropic", "codex", "gemini", "script"] as const;
export const AGENT_TYPES = ["refinement", "development", "support", "planning"] as const;
export const PROVIDERS = ["openai", "anthropic"] as const;
export type Executor = (typeof EXECUTORS)[number];
export type AgentType = (typeof AGENT_TYPES)[number];
export type Provider = (typeof PROVIDERS)[number];

/** The agent fields an executor reads: the agent form shows only these (a script agent has no model, prompt, tools or hooks). */
export type AgentField = "model" | "systemPrompt" | "tools" | "mcpServers" | "hooks";
export const EXECUTOR_FIELDS: Record<Executor, readonly AgentField[]> = {
  "claude-code": ["model", "systemPrompt", "tools", "mcpServers", "hooks"],
  codex: ["model", "systemPrompt", "mcpServers"],
  gemini: ["model", "systemPrompt", "tools", "mcpServers"],
  anthropic: ["model", "systemPrompt"],
  "openai-compatible": ["model", "systemPrompt"],
  script: [],
};
