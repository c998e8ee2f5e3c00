import "server-only";
import { config } from "@/lib/config";
import type { Executor, ExecutorContext, ExecutorResult } from "./types";
import { ClaudeStreamParser } from "./parsers/claude-stream-json";
import { cliNotFound, runCli } from "./cli";
import { promptArg } from "./process";
import { resolveProvider } from "./provider";
import { placePrivateFiles } from "./private-files";
import { claudeMcpConfig, claudeSettings, type AgentTooling } from "@/lib/mcp/formats";

/**
 * The agent's MCP servers and hooks (issue 12): `--mcp-config <file> --strict-mcp-config`, so the
 * run sees exactly those servers (none of the project's .mcp.json or the HOME's), and hooks with
 * `--settings <file>`. The files exist only in the run's sandbox (placePrivateFiles).
 */
function claudeToolingFiles(tooling: AgentTooling | undefined): Array<{ name: string; content: string; flags: (file: string) => string[] }> {
  if (!tooling) return [];
  const files = [{ name: "mcp-config.json", content: claudeMcpConfig(tooling.mcpServers), flags: (f: string) => ["--mcp-config", f, "--strict-mcp-config"] }];
  if (tooling.hooks) files.push({ name: "claude-settings.json", content: claudeSettings(tooling.hooks), flags: (f: string) => ["--settings", f] });
  return files;
}

/**
 * `claude-code`: runs the Claude Code CLI headless,
 *
 *   claude -p <task> --output-format stream-json --verbose [--model M]
 *          [--append-system-prompt S] [--resume ID [--fork-session]] --permission-mode MODE
 *          [--allowedTools T...] [--disallowedTools T...]
 *
 * in the project directory, and turns each stream-json line into log events
 * (parsers/claude-stream-json.ts). `--verbose` is required by the CLI for
 * stream-json in print mode.
 *
 * Permissions. In print mode nobody can answer a permission prompt, so a
 * tool that needs approval and is not pre-approved is simply refused. The
 * agent's switches map onto the CLI's flags like this:
 *
 *   enableFileWrite  true  -> --permission-mode acceptEdits (edits applied without asking)
 *                    false -> --permission-mode default, --disallowedTools Edit MultiEdit Write NotebookEdit
 *   enableFileRead   false -> --disallowedTools Read Glob Grep LS NotebookRead
 *   enableNetwork    true  -> --allowedTools WebFetch WebSearch (pre-approved)
 *                    false -> --disallowedTools WebFetch WebSearch
 *   agent.tools            -> --allowedTools, as given (e.g. "Bash(npm test:*)"), minus any tool the
 *                             switches above disallow (deny wins, as in Claude Code itself)
 *
 * Bash is never pre-approved implicitly: an agent that should run commands
 * lists them in its tools. The task always follows `-p` directly, so the
 * variadic tool lists at the end cannot swallow it.
 */

export const WRITE_TOOLS = ["Edit", "MultiEdit", "Write", "NotebookEdit"];
export const READ_TOOLS = ["Read", "Glob", "Grep", "LS", "NotebookRead"];
export const NETWORK_TOOLS = ["WebFetch", "WebSearch"];

export function claudeCodeArgs(ctx: Pick<ExecutorContext, "task" | "model" | "agent" | "resumeSessionId" | "forkSession">): string[] {
  const args = ["-p", promptArg(ctx.task), "--output-format", "stream-json", "--verbose"];
  if (ctx.model) args.push("--model", ctx.model);
  if (ctx.agent.systemPrompt.trim()) args.push("--append-system-prompt", ctx.agent.systemPrompt);
  if (ctx.resumeSessionId) args.push("--resume", ctx.resumeSessionId);
  // A forked conversation continues from the session's history into a new session id.
  if (ctx.resumeSessionId && ctx.forkSession) args.push("--fork-session");

  const disallowed: string[] = [];
  if (!ctx.agent.enableFileWrite) disallowed.push(...WRITE_TOOLS);
  if (!ctx.agent.enableFileRead) disallowed.push(...READ_TOOLS);
  if (!ctx.agent.enableNetwork) disallowed.push(...NETWORK_TOOLS);

  const allowed: string[] = [];
  const add = (tool: string) => {
    const base = tool.split("(")[0]!.trim();
    if (tool.trim() && !disallowed.includes(base) && !allowed.includes(tool.trim())) allowed.push(tool.trim());
  };
  if (ctx.agent.enableNetwork) NETWORK_TOOLS.forEach(add);
  ctx.agent.tools.forEach(add);

  args.push("--permission-mode", ctx.agent.enableFileWrite ? "acceptEdits" : "default");
  if (allowed.length) args.push("--allowedTools", ...allowed);
  if (disallowed.length) args.push("--disallowedTools", ...disallowed);
  return args;
}

export function createClaudeCodeExecutor(options: { bin?: string; killGraceMs?: number } = {}): Executor {
  return {
    id: "claude-code",
    async run(ctx: ExecutorContext): Promise<ExecutorResult> {
      const cfg = config();
      const configured = options.bin ?? cfg.claudeCodeBin;
      // A user's own Anthropic key (or the server's, where the admin shares it) goes to the CLI
      // explicitly; without one, the CLI uses its own login kept in the user's sandbox HOME.
      const provider = resolveProvider(
        ctx.provider,
        { apiKey: ctx.shareServerKeys ? cfg.anthropicApiKey : undefined, baseUrl: cfg.anthropicBaseUrl },
        "",
      );

      const tooling = claudeToolingFiles(ctx.tooling);
      const placed = placePrivateFiles(ctx.sandbox, tooling);
      const toolingArgs = tooling.flatMap((file, i) => file.flags(placed.paths[i]!));
      return runCli({ ...ctx, sandbox: placed.sandbox }, {
        name: "Claude Code",
        command: configured ?? "claude",
        args: [...claudeCodeArgs(ctx), ...toolingArgs],
        env: {
          ...(provider.apiKey ? { ANTHROPIC_API_KEY: provider.apiKey } : {}),
          ...(provider.baseUrl ? { ANTHROPIC_BASE_URL: provider.baseUrl } : {}),
        },
        parser: new ClaudeStreamParser(),
        killGraceMs: options.killGraceMs,
        notFoundMessage: cliNotFound("Claude Code CLI", "CLAUDE_CODE_BIN", configured, "npm install -g @anthropic-ai/claude-code"),
      }).finally(placed.done);
    },
  };
}

export const claudeCodeExecutor = createClaudeCodeExecutor();
