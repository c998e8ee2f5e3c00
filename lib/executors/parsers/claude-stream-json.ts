import "server-only";
import type { RunLogEvent, UsageReport } from "../types";
import { clip, describeToolUse, isObject, num, oneLine, type Json } from "./common";

/**
 * Parser for Claude Code's `--output-format stream-json` (one JSON object per
 * stdout line). The messages it understands:
 *
 *   {"type":"system","subtype":"init","session_id","model","tools":[...],"mcp_servers":[...]}
 *   {"type":"assistant","message":{"id","model","content":[text|thinking|tool_use...],"usage":{...}},"session_id"}
 *   {"type":"user","message":{"content":[{"type":"tool_result","tool_use_id","content","is_error"}]}}
 *   {"type":"result","subtype":"success"|"error_max_turns"|...,"is_error","result","session_id",
 *    "total_cost_usd","duration_ms","num_turns","usage":{input_tokens,output_tokens,
 *    cache_read_input_tokens,cache_creation_input_tokens}}
 *
 * Token counts come from the result's `usage` when it has one; otherwise they
 * are summed from the assistant messages (each message id counted once, as
 * Claude Code repeats a message's usage on every content block it streams).
 * Anything else (unknown types, lines that are not JSON) becomes a log event
 * carrying the raw text: never a throw.
 */


export type ClaudeStreamSummary = {
  sessionId: string | null;
  model: string | null;
  usage?: UsageReport;
  /** Set when the result message reports a failure. */
  error?: string;
  sawResult: boolean;
};

type TokenCounts = { input: number; output: number; cacheRead: number; cacheWrite: number };

export class ClaudeStreamParser {
  private sessionId: string | null = null;
  private model: string | null = null;
  private readonly toolNames = new Map<string, string>();
  private readonly messageUsage = new Map<string, TokenCounts>();
  private resultUsage: TokenCounts | null = null;
  private costUsd: number | null = null;
  private error: string | undefined;
  private sawResult = false;

  /** One stdout line in, the log events it stands for out. */
  parseLine(line: string): RunLogEvent[] {
    if (line.trim() === "") return [];
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      return [{ stream: "stderr", kind: "text", level: "warn", text: line, data: { unparsed: true } }];
    }
    if (!isObject(msg) || typeof msg.type !== "string") {
      return [{ stream: "system", kind: "unknown", level: "warn", text: oneLine(line, 500), data: { raw: msg } }];
    }
    if (typeof msg.session_id === "string" && msg.session_id) this.sessionId = msg.session_id;

    switch (msg.type) {
      case "system":
        return this.system(msg);
      case "assistant":
        return this.assistant(msg);
      case "user":
        return this.user(msg);
      case "result":
        return this.result(msg);
      case "stream_event":
        return []; // partial deltas (--include-partial-messages); the whole message follows anyway
      default:
        return [{ stream: "system", kind: msg.type, text: oneLine(line, 500), data: { raw: msg } }];
    }
  }

  summary(): ClaudeStreamSummary {
    const counts = this.resultUsage ?? sumCounts([...this.messageUsage.values()]);
    const usage: UsageReport | undefined =
      counts || this.costUsd !== null
        ? {
            model: this.model,
            inputTokens: counts?.input ?? 0,
            outputTokens: counts?.output ?? 0,
            cacheReadTokens: counts?.cacheRead ?? 0,
            cacheWriteTokens: counts?.cacheWrite ?? 0,
            costUsd: this.costUsd,
          }
        : undefined;
    return { sessionId: this.sessionId, model: this.model, usage, error: this.error, sawResult: this.sawResult };
  }

  private system(msg: Json): RunLogEvent[] {
    if (msg.subtype === "hook_response") return [hookResponse(msg)];
    if (msg.subtype !== "init") {
      const subtype = typeof msg.subtype === "string" ? msg.subtype : "system";
      return [{ stream: "system", kind: subtype, text: `Claude Code: ${subtype}`, data: { raw: msg } }];
    }
    if (typeof msg.model === "string") this.model = msg.model;
    const tools = Array.isArray(msg.tools) ? msg.tools.filter((t): t is string => typeof t === "string") : [];
    const mcpServers = Array.isArray(msg.mcp_servers)
      ? msg.mcp_servers.filter(isObject).map((s) => ({ name: String(s.name ?? "?"), status: String(s.status ?? "?") }))
      : [];
    const parts = [`Claude Code session ${this.sessionId ?? "(no id)"}`];
    if (this.model) parts.push(`model ${this.model}`);
    parts.push(`${tools.length} tools`);
    if (mcpServers.length) parts.push(`MCP: ${mcpServers.map((s) => `${s.name} (${s.status})`).join(", ")}`);
    return [
      {
        stream: "system",
        kind: "init",
        text: parts.join(" · "),
        data: {
          sessionId: this.sessionId,
          model: this.model,
          tools,
          mcpServers,
          cwd: typeof msg.cwd === "string" ? msg.cwd : undefined,
          permissionMode: typeof msg.permissionMode === "string" ? msg.permissionMode : undefined,
        },
      },
    ];
  }

  private assistant(msg: Json): RunLogEvent[] {
    const message = isObject(msg.message) ? msg.message : {};
    if (typeof message.model === "string" && message.model) this.model = message.model;
    const usage = isObject(message.usage) ? readCounts(message.usage) : null;
    if (usage) {
      const key = typeof message.id === "string" ? message.id : `anonymous-${this.messageUsage.size}`;
      this.messageUsage.set(key, usage);
    }
    const events: RunLogEvent[] = [];
    for (const block of contentBlocks(message.content)) {
      switch (block.type) {
        case "text":
          if (typeof block.text === "string" && block.text !== "") {
            events.push({ stream: "stdout", kind: "text", text: block.text });
          }
          break;
        case "thinking":
          if (typeof block.thinking === "string" && block.thinking !== "") {
            events.push({ stream: "stdout", kind: "thinking", text: block.thinking });
          }
          break;
        case "tool_use":
        case "server_tool_use": {
          const id = typeof block.id === "string" ? block.id : "";
          const name = typeof block.name === "string" ? block.name : "tool";
          const input = isObject(block.input) ? block.input : {};
          if (id) this.toolNames.set(id, name);
          events.push({ stream: "stdout", kind: "tool_use", text: describeToolUse(name, input), data: { id, name, input } });
          break;
        }
        default:
          events.push({ stream: "stdout", kind: String(block.type ?? "block"), text: `[${String(block.type ?? "block")}]`, data: { block } });
      }
    }
    return events;
  }

  private user(msg: Json): RunLogEvent[] {
    const message = isObject(msg.message) ? msg.message : {};
    if (typeof message.content === "string") {
      return [{ stream: "system", kind: "user", text: message.content }];
    }
    const events: RunLogEvent[] = [];
    for (const block of contentBlocks(message.content)) {
      if (block.type === "tool_result") {
        const toolUseId = typeof block.tool_use_id === "string" ? block.tool_use_id : "";
        const isError = block.is_error === true;
        const { text, truncated } = clip(toolResultText(block.content));
        events.push({
          stream: "stdout",
          kind: "tool_result",
          text,
          ...(isError ? { level: "error" as const } : {}),
          data: { toolUseId, name: this.toolNames.get(toolUseId) ?? null, isError, ...(truncated ? { truncated: true } : {}) },
        });
      } else if (block.type === "text" && typeof block.text === "string") {
        events.push({ stream: "system", kind: "user", text: block.text });
      }
    }
    return events;
  }

  private result(msg: Json): RunLogEvent[] {
    this.sawResult = true;
    const cost = num(msg.total_cost_usd) ?? num(msg.cost_usd);
    if (cost !== null) this.costUsd = cost;
    if (isObject(msg.usage)) this.resultUsage = readCounts(msg.usage);
    const subtype = typeof msg.subtype === "string" ? msg.subtype : "success";
    const isError = msg.is_error === true || subtype.startsWith("error");
    const resultText = typeof msg.result === "string" ? msg.result : null;
    if (isError) this.error = describeFailure(subtype, resultText);

    const durationMs = num(msg.duration_ms);
    const numTurns = num(msg.num_turns);
    const usage = this.summary().usage;
    const parts = [isError ? `Failed (${subtype})` : "Done"];
    if (durationMs !== null) parts.push(`${(durationMs / 1000).toFixed(1)} s`);
    if (numTurns !== null) parts.push(`${numTurns} turns`);
    if (cost !== null) parts.push(`$${cost.toFixed(4)}`);
    if (usage) parts.push(`${usage.inputTokens} in / ${usage.outputTokens} out tokens`);
    if (isError && this.error) parts.push(this.error);
    return [
      {
        stream: "system",
        kind: "result",
        text: parts.join(" · "),
        level: isError ? "error" : "info",
        data: { subtype, isError, result: resultText, durationMs, numTurns, costUsd: cost, usage: usage ?? null },
      },
    ];
  }
}

/**
 * How one of the agent's hooks ended (`{"type":"system","subtype":"hook_response","hook_name",
 * "hook_event","exit_code","outcome","stdout","stderr"}`): a failure shows as an error line
 * with what the hook printed, so a guard hook that breaks is seen in the run's log.
 */
function hookResponse(msg: Json): RunLogEvent {
  const name = typeof msg.hook_name === "string" ? msg.hook_name : typeof msg.hook_event === "string" ? msg.hook_event : "hook";
  const code = typeof msg.exit_code === "number" ? msg.exit_code : null;
  const failed = msg.outcome === "error" || (code !== null && code !== 0);
  const said = [msg.stderr, msg.stdout].find((s): s is string => typeof s === "string" && s.trim() !== "")?.trim().slice(0, 2000);
  const text = failed
    ? `Hook ${name} failed${code !== null ? ` (exit code ${code})` : ""}${said ? `: ${said}` : ""}`
    : `Hook ${name} ran${said ? `: ${said}` : ""}`;
  return { stream: "system", kind: "hook", level: failed ? "error" : "info", text, data: { hook: name, exitCode: code, failed } };
}

function describeFailure(subtype: string, resultText: string | null): string {
  if (subtype === "error_max_turns") return "Claude Code stopped: it reached the maximum number of turns";
  if (resultText) return `Claude Code reported an error: ${oneLine(resultText, 500)}`;
  if (subtype === "error_during_execution") return "Claude Code failed during execution";
  return `Claude Code reported an error (${subtype})`;
}

function toolResultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (isObject(part) && part.type === "text" && typeof part.text === "string") return part.text;
        if (isObject(part) && typeof part.type === "string") return `[${part.type}]`;
        return "";
      })
      .join("\n");
  }
  return content === undefined || content === null ? "" : JSON.stringify(content);
}

function readCounts(usage: Json): TokenCounts {
  return {
    input: num(usage.input_tokens) ?? 0,
    output: num(usage.output_tokens) ?? 0,
    cacheRead: num(usage.cache_read_input_tokens) ?? 0,
    cacheWrite: num(usage.cache_creation_input_tokens) ?? 0,
  };
}

function sumCounts(list: TokenCounts[]): TokenCounts | null {
  if (list.length === 0) return null;
  return list.reduce(
    (a, b) => ({ input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite }),
    { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  );
}

function contentBlocks(content: unknown): Json[] {
  return Array.isArray(content) ? content.filter(isObject) : [];
}
