import "server-only";
import type { RunLogEvent, UsageReport } from "../types";
import type { CliOutputParser } from "../cli";
import { LineBuffer } from "../lines";
import { clip, describeToolUse, isObject, num, oneLine, str } from "./common";

/**
 * Parser for `gemini -p ... --output-format stream-json` (one JSON event per
 * stdout line), as defined by gemini-cli packages/core/src/output/types.ts:
 *
 *   init        {session_id, model}
 *   message     {role: user|assistant, content, delta?}   delta pieces join into lines
 *   tool_use    {tool_name, tool_id, parameters}
 *   tool_result {tool_id, status: success|error, output?, error?: {type, message}}
 *   error       {severity: warning|error, message}         non-fatal
 *   result      {status: success|error, error?, stats?: {input_tokens, output_tokens,
 *                cached, input, duration_ms, tool_calls}}
 *
 * `stats.input_tokens` includes the cached part; `stats.input` is the rest.
 * Lines that are not JSON (older CLIs, plain text mode) pass through as text.
 */
export class GeminiStreamParser implements CliOutputParser {
  private sessionId: string | null = null;
  private model: string | null;
  private usage: UsageReport | undefined;
  private error: string | undefined;
  private readonly text = new LineBuffer();
  private readonly toolNames = new Map<string, string>();

  constructor(model: string | null = null) {
    this.model = model;
  }

  parseLine(line: string): RunLogEvent[] {
    if (line.trim() === "") return [];
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return [...this.flush(), { stream: "stdout", kind: "text", text: line }];
    }
    if (!isObject(event) || typeof event.type !== "string") return [...this.flush(), { stream: "stdout", kind: "text", text: line }];

    if (event.type === "message") {
      if (event.role !== "assistant") return [];
      const content = str(event.content) ?? "";
      if (event.delta === true) return this.text.push(content).map((text) => ({ stream: "stdout", kind: "text", text }));
      return [...this.flush(), { stream: "stdout", kind: "text", text: content }];
    }

    const events = this.flush(); // a tool call or the end: finish the text line first
    switch (event.type) {
      case "init":
        this.sessionId = str(event.session_id);
        this.model = str(event.model) ?? this.model;
        events.push({ stream: "system", kind: "init", text: `Gemini CLI session ${this.sessionId ?? "(no id)"} · model ${this.model ?? "default"}`, data: { sessionId: this.sessionId, model: this.model } });
        break;
      case "tool_use": {
        const id = str(event.tool_id) ?? "";
        const name = str(event.tool_name) ?? "tool";
        const input = isObject(event.parameters) ? event.parameters : {};
        this.toolNames.set(id, name);
        events.push({ stream: "stdout", kind: "tool_use", text: describeToolUse(name, input), data: { id, name, input } });
        break;
      }
      case "tool_result": {
        const id = str(event.tool_id) ?? "";
        const isError = event.status === "error";
        const errorMessage = isObject(event.error) ? str(event.error.message) : null;
        const { text, truncated } = clip(str(event.output) ?? errorMessage ?? "");
        events.push({
          stream: "stdout",
          kind: "tool_result",
          text,
          ...(isError ? { level: "error" as const } : {}),
          data: { toolUseId: id, name: this.toolNames.get(id) ?? null, isError, ...(truncated ? { truncated: true } : {}) },
        });
        break;
      }
      case "error":
        events.push({ stream: "stderr", kind: "error", level: event.severity === "warning" ? "warn" : "error", text: str(event.message) ?? line });
        break;
      case "result": {
        const stats = isObject(event.stats) ? event.stats : null;
        if (stats) {
          const total = num(stats.input_tokens) ?? 0;
          const cached = num(stats.cached) ?? 0;
          this.usage = {
            model: this.model,
            inputTokens: num(stats.input) ?? Math.max(0, total - cached),
            outputTokens: num(stats.output_tokens) ?? 0,
            cacheReadTokens: cached,
            cacheWriteTokens: 0,
            costUsd: null,
          };
        }
        const failed = event.status === "error";
        const message = isObject(event.error) ? str(event.error.message) : null;
        if (failed) this.error = `Gemini CLI reported an error: ${oneLine(message ?? "unknown error", 500)}`;
        const duration = stats ? num(stats.duration_ms) : null;
        const parts = [failed ? "Failed" : "Done"];
        if (duration !== null) parts.push(`${(duration / 1000).toFixed(1)} s`);
        if (this.usage) parts.push(`${this.usage.inputTokens} in / ${this.usage.outputTokens} out tokens`);
        if (failed && message) parts.push(message);
        events.push({ stream: "system", kind: "result", level: failed ? "error" : "info", text: parts.join(" · "), data: { status: event.status, stats, usage: this.usage ?? null } });
        break;
      }
      default:
        events.push({ stream: "system", kind: event.type, text: oneLine(line, 500), data: { raw: event } });
    }
    return events;
  }

  flush(): RunLogEvent[] {
    const rest = this.text.flush();
    return rest === null ? [] : [{ stream: "stdout", kind: "text", text: rest }];
  }

  summary() {
    return { sessionId: this.sessionId, usage: this.usage, error: this.error };
  }
}
