import "server-only";
import { config } from "@/lib/config";
import type { Executor, ExecutorContext, ExecutorResult } from "./types";
import { cliNotFound, runCli } from "./cli";
import { CodexJsonParser } from "./parsers/codex-jsonl";
import { promptArg } from "./process";
import { OPENAI_DEFAULT_BASE_URL } from "./openai-compatible";
import { resolveProvider } from "./provider";
import { codexMcpArgs } from "@/lib/mcp/formats";

/**
 * `codex`: OpenAI's Codex CLI, non-interactive,
 *
 *   codex exec --json --skip-git-repo-check --sandbox MODE [-c sandbox_workspace_write.network_access=true]
 *              [-m MODEL] [resume SESSION_ID] PROMPT
 *
 * `codex exec` never stops to ask for approval; what it may do is set by the
 * sandbox. The agent's switches map like this:
 *
 *   enableFileWrite  true  -> --sandbox workspace-write (writes inside the project only)
 *                    false -> --sandbox read-only
 *   enableNetwork    true  -> -c sandbox_workspace_write.network_access=true (workspace-write only;
 *                             the read-only sandbox has no network either way)
 *   enableFileRead   not mapped: Codex can always read the project
 *   agent.tools      not mapped: Codex has no per-tool allow list on the command line
 *
 * Codex has no flag for an extra system prompt, so the agent's system prompt
 * is put in front of the task. `--skip-git-repo-check` because a project
 * need not be a git repository. The key, when the user (or server) has an
 * OpenAI one, goes in CODEX_API_KEY, which `codex exec` reads; otherwise the
 * CLI uses its own login.
 */
export function codexArgs(ctx: Pick<ExecutorContext, "task" | "model" | "agent" | "resumeSessionId">): string[] {
  const args = ["exec", "--json", "--skip-git-repo-check", "--sandbox", ctx.agent.enableFileWrite ? "workspace-write" : "read-only"];
  if (ctx.agent.enableFileWrite && ctx.agent.enableNetwork) args.push("-c", "sandbox_workspace_write.network_access=true");
  if (ctx.model) args.push("-m", ctx.model);
  if (ctx.resumeSessionId) args.push("resume", ctx.resumeSessionId);
  const system = ctx.agent.systemPrompt.trim();
  args.push(promptArg(system ? `${system}\n\n${ctx.task}` : ctx.task));
  return args;
}

export function createCodexExecutor(options: { bin?: string; killGraceMs?: number } = {}): Executor {
  return {
    id: "codex",
    async run(ctx: ExecutorContext): Promise<ExecutorResult> {
      const cfg = config();
      const configured = options.bin ?? cfg.codexBin;
      const server = { apiKey: ctx.shareServerKeys ? cfg.openaiApiKey : undefined, baseUrl: cfg.openaiBaseUrl };
      const { apiKey } = resolveProvider(ctx.provider, server, OPENAI_DEFAULT_BASE_URL);
      // The agent's MCP servers as `-c mcp_servers.<name>...` overrides, before `exec`'s own arguments.
      const mcp = codexMcpArgs(ctx.tooling?.mcpServers ?? []);
      for (const name of mcp.skipped) {
        ctx.emit({ stream: "system", kind: "text", level: "warn", text: `MCP server ${name} uses SSE, which Codex does not support: left out.` });
      }
      return runCli(ctx, {
        name: "Codex",
        command: configured ?? "codex",
        args: [...mcp.args, ...codexArgs(ctx)],
        env: apiKey ? { CODEX_API_KEY: apiKey } : {},
        parser: new CodexJsonParser(ctx.model),
        killGraceMs: options.killGraceMs,
        notFoundMessage: cliNotFound("Codex CLI", "CODEX_BIN", configured, "npm install -g @openai/codex"),
      });
    },
  };
}

export const codexExecutor = createCodexExecutor();
