import "server-only";
import type { RunLogEvent, UsageReport } from "../types";
import type { CliOutputParser } from "../cli";
import { clip, describeToolUse, isObject, num, oneLine, str, type Json } from "./common";

/**
 * Parser for `codex exec --json` (one JSON event per stdout line), as defined
 * by codex-rs/exec/src/exec_events.rs:
 *
 *   thread.started {thread_id}            the session id (codex exec resume <id>)
 *   turn.started / turn.completed {usage: {input_tokens, cached_input_tokens, output_tokens}}
 *   turn.failed {error: {message}}        the turn failed
 *   item.started|item.updated|item.completed {item: {id, type, ...}} where type is
 *     agent_message {text} · reasoning {text} · command_execution {command,
 *     aggregated_output, exit_code, status} · file_change {changes: [{path, kind}], status}
 *     · mcp_tool_call {server, tool, arguments, result, error, status} · web_search {query}
 *     · todo_list {items: [{text, completed}]} · error {message}
 *   error {message}                       a stream error (Codex also uses it for retries)
 *
 * OpenAI counts cached input inside input_tokens; usage here reports it
 * apart (inputTokens = input_tokens - cached_input_tokens). Lines that are not
 * JSON are passed through as text.
 */
export class CodexJsonParser implements CliOutputParser {
  private sessionId: string | null = null;
  private readonly counts = { input: 0, cached: 0, output: 0 };
  private sawUsage = false;
  private error: string | undefined;
  private readonly announced = new Set<string>();

  constructor(private readonly model: string | null = null) {}

  parseLine(line: string): RunLogEvent[] {
    if (line.trim() === "") return [];
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return [{ stream: "stdout", kind: "text", text: line }];
    }
    if (!isObject(event) || typeof event.type !== "string") return [{ stream: "stdout", kind: "text", text: line }];

    switch (event.type) {
      case "thread.started":
        this.sessionId = str(event.thread_id);
        return [{ stream: "system", kind: "init", text: `Codex session ${this.sessionId ?? "(no id)"}`, data: { sessionId: this.sessionId, model: this.model } }];
      case "turn.started":
        return [];
      case "turn.completed": {
        const usage = isObject(event.usage) ? event.usage : {};
        this.sawUsage = true;
        this.counts.input += num(usage.input_tokens) ?? 0;
        this.counts.cached += num(usage.cached_input_tokens) ?? 0;
        this.counts.output += num(usage.output_tokens) ?? 0;
        const report = this.usage();
        return [{ stream: "system", kind: "result", text: `Turn done · ${report?.inputTokens ?? 0} in / ${report?.outputTokens ?? 0} out tokens`, data: { usage: report ?? null } }];
      }
      case "turn.failed": {
        const message = isObject(event.error) ? (str(event.error.message) ?? "unknown error") : "unknown error";
        this.error = `Codex failed: ${oneLine(message, 500)}`;
        return [{ stream: "system", kind: "error", level: "error", text: message }];
      }
      case "error":
        return [{ stream: "stderr", kind: "error", level: "warn", text: str(event.message) ?? line }];
      case "item.started":
      case "item.updated":
      case "item.completed":
        return isObject(event.item) ? this.item(event.type, event.item) : [];
      default:
        return [{ stream: "system", kind: event.type, text: oneLine(line, 500), data: { raw: event } }];
    }
  }

  summary() {
    return { sessionId: this.sessionId, usage: this.usage(), error: this.error };
  }

  private usage(): UsageReport | undefined {
    if (!this.sawUsage) return undefined;
    const cached = Math.min(this.counts.cached, this.counts.input);
    return { model: this.model, inputTokens: this.counts.input - cached, outputTokens: this.counts.output, cacheReadTokens: cached, cacheWriteTokens: 0, costUsd: null };
  }

  /** A tool_use event, once per item id even if it is seen started and completed. */
  private announce(id: string, name: string, input: Json, text?: string): RunLogEvent[] {
    if (this.announced.has(id)) return [];
    this.announced.add(id);
    return [{ stream: "stdout", kind: "tool_use", text: text ?? describeToolUse(name, input), data: { id, name, input } }];
  }

  private item(phase: string, item: Json): RunLogEvent[] {
    const id = str(item.id) ?? "";
    const done = phase === "item.completed";
    switch (item.type) {
      case "agent_message":
        return done && str(item.text) ? [{ stream: "stdout", kind: "text", text: item.text as string }] : [];
      case "reasoning":
        return done && str(item.text) ? [{ stream: "stdout", kind: "thinking", text: item.text as string }] : [];
      case "command_execution": {
        const command = str(item.command) ?? "";
        const events = this.announce(id, "command", { command }, `$ ${oneLine(command, 200)}`);
        if (!done) return events;
        const exitCode = num(item.exit_code);
        const failed = item.status === "failed" || item.status === "declined" || (exitCode !== null && exitCode !== 0);
        const { text, truncated } = clip(str(item.aggregated_output) ?? "");
        events.push({
          stream: "stdout",
          kind: "tool_result",
          text: text === "" ? `(exit ${exitCode ?? "?"})` : text,
          ...(failed ? { level: "error" as const } : {}),
          data: { toolUseId: id, name: "command", exitCode, status: item.status, ...(truncated ? { truncated: true } : {}) },
        });
        return events;
      }
      case "file_change": {
        if (!done) return [];
        const changes = Array.isArray(item.changes) ? item.changes.filter(isObject) : [];
        const list = changes.map((c) => `${str(c.kind) ?? "update"} ${str(c.path) ?? "?"}`).join(", ");
        return [
          {
            stream: "stdout",
            kind: "tool_result",
            text: `${item.status === "failed" ? "Patch failed" : "Edited"}: ${list || "(no files)"}`,
            ...(item.status === "failed" ? { level: "error" as const } : {}),
            data: { toolUseId: id, name: "file_change", changes, status: item.status },
          },
        ];
      }
      case "mcp_tool_call": {
        const name = `${str(item.server) ?? "mcp"}.${str(item.tool) ?? "tool"}`;
        const input = isObject(item.arguments) ? item.arguments : {};
        const events = this.announce(id, name, input);
        if (!done) return events;
        const error = isObject(item.error) ? str(item.error.message) : null;
        const result = isObject(item.result) && Array.isArray(item.result.content) ? item.result.content.filter(isObject) : [];
        const resultText = result.map((part) => (typeof part.text === "string" ? part.text : `[${String(part.type ?? "content")}]`)).join("\n");
        const { text, truncated } = clip(error ?? resultText);
        events.push({
          stream: "stdout",
          kind: "tool_result",
          text,
          ...(error ? { level: "error" as const } : {}),
          data: { toolUseId: id, name, isError: !!error, ...(truncated ? { truncated: true } : {}) },
        });
        return events;
      }
      case "web_search":
        return this.announce(id, "WebSearch", { query: str(item.query) ?? "" });
      case "todo_list": {
        if (!done) return [];
        const items = Array.isArray(item.items) ? item.items.filter(isObject) : [];
        const text = items.map((t) => `${t.completed ? "[x]" : "[ ]"} ${str(t.text) ?? ""}`).join("\n");
        return text ? [{ stream: "stdout", kind: "todo", text, data: { items } }] : [];
      }
      case "error":
        return [{ stream: "stderr", kind: "error", level: "warn", text: str(item.message) ?? "error" }];
      default:
        return done ? [{ stream: "system", kind: String(item.type ?? "item"), text: `[${String(item.type ?? "item")}]`, data: { item } }] : [];
    }
  }
}
