export const EXECUTORS = ["claude-code", "openai-compatible", "anthropic", "codex", "gemini", "script"] as const;
export const AGENT_TYPES = ["refinement", "development", "support", "planning"] as const;
export const PROVIDERS = ["openai", "anthropic"] as const;
export type Executor = (typeof EXECUTORS)[number];
export type AgentType = (typeof AGENT_TYPES)[number];
export type Provider = (typeof PROVIDERS)[number];
