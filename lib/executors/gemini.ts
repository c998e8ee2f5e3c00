import "server-only";
import { config } from "@/lib/config";
import type { Executor, ExecutorContext, ExecutorResult } from "./types";
import { cliNotFound, runCli } from "./cli";
import { GeminiStreamParser } from "./parsers/gemini-stream-json";
import { promptArg } from "./process";
import { placePrivateFiles } from "./private-files";
import { geminiSettings } from "@/lib/mcp/formats";

/**
 * `gemini`: Google's Gemini CLI, headless,
 *
 *   gemini -p PROMPT --output-format stream-json [-m MODEL] --approval-mode MODE
 *          [--allowed-tools T,...] [--resume SESSION_ID]
 *
 * In headless mode a tool that needs confirmation cannot get it, so only
 * pre-approved tools run. The agent's switches map like this:
 *
 *   enableFileWrite  true  -> --approval-mode auto_edit (edit/write tools approved)
 *                    false -> --approval-mode default (edit, write and shell tools refused)
 *   enableNetwork    true  -> --allowed-tools web_fetch (plus the agent's tools)
 *                    false -> web_fetch not approved, so refused; google_web_search needs no
 *                             approval and cannot be switched off from the command line
 *   enableFileRead   not mapped: reading never needs approval
 *   agent.tools      -> --allowed-tools, as given (e.g. "run_shell_command(npm test)")
 *
 * The CLI has no flag for an extra system prompt (GEMINI_SYSTEM_MD replaces
 * the whole one), so the agent's system prompt is put in front of the task.
 * Lines that are not JSON (older CLIs without stream-json) are kept as text.
 * The CLI signs in with its own login, kept in the user's sandbox HOME
 * (nothing of the server's environment reaches it).
 */
export function geminiArgs(ctx: Pick<ExecutorContext, "task" | "model" | "agent" | "resumeSessionId">): string[] {
  const system = ctx.agent.systemPrompt.trim();
  const args = ["-p", promptArg(system ? `${system}\n\n${ctx.task}` : ctx.task), "--output-format", "stream-json"];
  if (ctx.model) args.push("-m", ctx.model);
  args.push("--approval-mode", ctx.agent.enableFileWrite ? "auto_edit" : "default");
  const allowed = [...(ctx.agent.enableNetwork ? ["web_fetch"] : []), ...ctx.agent.tools.map((t) => t.trim()).filter(Boolean)];
  if (allowed.length) args.push("--allowed-tools", [...new Set(allowed)].join(","));
  if (ctx.resumeSessionId) args.push("--resume", ctx.resumeSessionId);
  return args;
}

export function createGeminiExecutor(options: { bin?: string; killGraceMs?: number } = {}): Executor {
  return {
    id: "gemini",
    async run(ctx: ExecutorContext): Promise<ExecutorResult> {
      const configured = options.bin ?? config().geminiBin;
      // The agent's MCP servers go in a settings file read as the CLI's system settings (which win
      // over the HOME's and the project's), and --allowed-mcp-server-names keeps it to those.
      const servers = ctx.tooling?.mcpServers ?? [];
      const placed = placePrivateFiles(ctx.sandbox, servers.length ? [{ name: "gemini-settings.json", content: geminiSettings(servers) }] : []);
      const mcpArgs = servers.length ? ["--allowed-mcp-server-names", servers.map((s) => s.name).join(",")] : [];
      return runCli({ ...ctx, sandbox: placed.sandbox }, {
        name: "Gemini CLI",
        command: configured ?? "gemini",
        args: [...geminiArgs(ctx), ...mcpArgs],
        env: placed.paths[0] ? { GEMINI_CLI_SYSTEM_SETTINGS_PATH: placed.paths[0] } : {},
        parser: new GeminiStreamParser(ctx.model),
        killGraceMs: options.killGraceMs,
        notFoundMessage: cliNotFound("Gemini CLI", "GEMINI_BIN", configured, "npm install -g @google/gemini-cli"),
      }).finally(placed.done);
    },
  };
}

export const geminiExecutor = createGeminiExecutor();
