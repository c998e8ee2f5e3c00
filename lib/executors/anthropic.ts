import "server-only";
import { config } from "@/lib/config";
import type { Executor, ExecutorContext, ExecutorResult, UsageReport } from "./types";
import { cancelled, causeOf, postForStream } from "./http";
import { LineBuffer } from "./lines";
import { describeUsage } from "./openai-compatible";
import { describeToolUse } from "./parsers/common";
import { isHost, resolveProvider } from "./provider";
import { readSse } from "./sse";
import { conversationMessages } from "./history";

/**
 * `anthropic`: one streaming call to the Messages API.
 *
 *   POST {ANTHROPIC_BASE_URL or https://api.anthropic.com}/v1/messages
 *   x-api-key: KEY, anthropic-version: 2023-06-01
 *   {"model", "max_tokens", "stream": true, "system", "messages": [{"role":"user","content": task}]}
 *
 * The reply is server-sent events, each `event: <type>` + `data: {json}`:
 *   message_start        message.model, message.usage {input_tokens, cache_read_input_tokens,
 *                        cache_creation_input_tokens, output_tokens}
 *   content_block_start  index, content_block {type: text | tool_use {id, name} | thinking}
 *   content_block_delta  index, delta {text_delta.text | input_json_delta.partial_json | thinking_delta.thinking}
 *   content_block_stop   index: the block is complete
 *   message_delta        delta.stop_reason, usage.output_tokens (cumulative)
 *   message_stop         the end
 *   ping                 keep-alive
 *   error                error {type, message}, e.g. overloaded_error mid-stream
 * Text is emitted one log line per finished line; a tool_use block once its
 * JSON input is complete.
 */

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";
export const ANTHROPIC_MAX_TOKENS = 8192;
const PROVIDER = "Anthropic API";

/**
 * Agents default to Claude Code's short model names; the Messages API wants
 * real ids. These are Anthropic's undated aliases (they follow the newest
 * snapshot); any other name is sent as given.
 */
const MODEL_ALIASES: Record<string, string> = {
  sonnet: "claude-sonnet-4-5",
  opus: "claude-opus-4-1",
  haiku: "claude-haiku-4-5",
};

type Json = Record<string, unknown>;
type Block = { type: string; id: string; name: string; json: string; lines: LineBuffer };

export function createAnthropicExecutor(): Executor {
  return {
    id: "anthropic",
    async run(ctx: ExecutorContext): Promise<ExecutorResult> {
      const cfg = config();
      const { baseUrl, apiKey } = resolveProvider(
        ctx.provider,
        { apiKey: cfg.anthropicApiKey, baseUrl: cfg.anthropicBaseUrl },
        ANTHROPIC_DEFAULT_BASE_URL,
      );
      if (!apiKey && isHost(baseUrl, "api.anthropic.com")) {
        return { exitCode: 1, error: "No Anthropic API key: add one in /settings/providers (or ask an administrator for a server-wide key)" };
      }
      if (!ctx.model) return { exitCode: 1, error: "No model set: choose a Claude model on the agent (e.g. claude-sonnet-4-5)" };
      const model = MODEL_ALIASES[ctx.model] ?? ctx.model;
      let url: string;
      try {
        url = new URL(`${baseUrl}/v1/messages`).toString();
      } catch {
        return { exitCode: 1, error: `Invalid base URL for the Anthropic API: ${baseUrl}` };
      }

      ctx.emit({ stream: "system", kind: "init", text: `Messages API · model ${model} · ${new URL(url).host}`, data: { baseUrl, model } });
      if (ctx.signal.aborted) return cancelled();

      const body: Json = { model, max_tokens: ANTHROPIC_MAX_TOKENS, stream: true, messages: conversationMessages(ctx) };
      if (ctx.agent.systemPrompt.trim()) body.system = ctx.agent.systemPrompt;
      const start = await postForStream(
        PROVIDER,
        url,
        { ...(apiKey ? { "x-api-key": apiKey } : {}), "anthropic-version": ANTHROPIC_VERSION },
        body,
        ctx.signal,
      );
      if (!start.ok) return start.result;

      const blocks = new Map<number, Block>();
      const counts = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
      let sawUsage = false;
      let reportedModel = model;
      let stopReason: string | null = null;
      const usage = (): UsageReport | undefined =>
        sawUsage
          ? { model: reportedModel, inputTokens: counts.input, outputTokens: counts.output, cacheReadTokens: counts.cacheRead, cacheWriteTokens: counts.cacheWrite, costUsd: null }
          : undefined;
      const readCounts = (u: Json) => {
        sawUsage = true;
        // message_delta repeats counts cumulatively; take whatever it carries.
        if (typeof u.input_tokens === "number") counts.input = u.input_tokens;
        if (typeof u.output_tokens === "number") counts.output = u.output_tokens;
        if (typeof u.cache_read_input_tokens === "number") counts.cacheRead = u.cache_read_input_tokens;
        if (typeof u.cache_creation_input_tokens === "number") counts.cacheWrite = u.cache_creation_input_tokens;
      };
      const kindOf = (block: Block) => (block.type === "thinking" ? "thinking" : "text");
      const finishBlock = (block: Block) => {
        if (block.type === "tool_use" || block.type === "server_tool_use") {
          let input: Json = {};
          try {
            input = block.json.trim() ? (JSON.parse(block.json) as Json) : {};
          } catch {
            input = { raw: block.json };
          }
          ctx.emit({ stream: "stdout", kind: "tool_use", text: describeToolUse(block.name, input), data: { id: block.id, name: block.name, input } });
          return;
        }
        const rest = block.lines.flush();
        if (rest !== null) ctx.emit({ stream: "stdout", kind: kindOf(block), text: rest });
      };

      try {
        for await (const event of readSse(start.response.body)) {
          let data: Json;
          try {
            data = JSON.parse(event.data) as Json;
          } catch {
            ctx.emit({ stream: "stderr", kind: "text", level: "warn", text: event.data, data: { unparsed: true } });
            continue;
          }
          const type = typeof data.type === "string" ? data.type : event.event;
          switch (type) {
            case "message_start": {
              const message = (data.message ?? {}) as Json;
              if (typeof message.model === "string") reportedModel = message.model;
              if (message.usage && typeof message.usage === "object") readCounts(message.usage as Json);
              break;
            }
            case "content_block_start": {
              const cb = (data.content_block ?? {}) as Json;
              const block: Block = {
                type: String(cb.type ?? "text"),
                id: typeof cb.id === "string" ? cb.id : "",
                name: typeof cb.name === "string" ? cb.name : "tool",
                json: "",
                lines: new LineBuffer(),
              };
              blocks.set(Number(data.index), block);
              const initial = typeof cb.text === "string" ? cb.text : typeof cb.thinking === "string" ? cb.thinking : "";
              for (const text of block.lines.push(initial)) ctx.emit({ stream: "stdout", kind: kindOf(block), text });
              break;
            }
            case "content_block_delta": {
              const block = blocks.get(Number(data.index));
              const delta = (data.delta ?? {}) as Json;
              if (!block) break;
              if (delta.type === "input_json_delta" && typeof delta.partial_json === "string") block.json += delta.partial_json;
              const piece = delta.type === "text_delta" ? delta.text : delta.type === "thinking_delta" ? delta.thinking : undefined;
              if (typeof piece === "string") {
                for (const text of block.lines.push(piece)) ctx.emit({ stream: "stdout", kind: kindOf(block), text });
              }
              break;
            }
            case "content_block_stop": {
              const block = blocks.get(Number(data.index));
              if (block) finishBlock(block);
              blocks.delete(Number(data.index));
              break;
            }
            case "message_delta": {
              const delta = (data.delta ?? {}) as Json;
              if (typeof delta.stop_reason === "string") stopReason = delta.stop_reason;
              if (data.usage && typeof data.usage === "object") readCounts(data.usage as Json);
              break;
            }
            case "error": {
              const e = (data.error ?? {}) as Json;
              const message = typeof e.message === "string" ? e.message : JSON.stringify(e);
              const errType = typeof e.type === "string" ? ` (${e.type})` : "";
              blocks.forEach(finishBlock);
              ctx.emit({ stream: "system", kind: "error", level: "error", text: `${message}${errType}` });
              return { exitCode: 1, error: `${PROVIDER} reported an error: ${message}${errType}`, usage: usage() };
            }
            default:
              break; // ping, message_stop, future event types
          }
          if (type === "message_stop") break;
        }
      } catch (err) {
        blocks.forEach(finishBlock);
        if (ctx.signal.aborted) return { ...cancelled(), usage: usage() };
        return { exitCode: 1, error: `The stream from the ${PROVIDER} broke off: ${causeOf(err)}`, usage: usage() };
      }
      blocks.forEach(finishBlock);

      if (stopReason === "max_tokens") {
        ctx.emit({ stream: "system", kind: "warning", level: "warn", text: `Stopped early: the reply reached max_tokens (${ANTHROPIC_MAX_TOKENS})` });
      }
      const report = usage();
      ctx.emit({
        stream: "system",
        kind: "result",
        text: report ? `Done · ${describeUsage(report)}` : "Done · the API reported no token usage",
        data: { stopReason, usage: report ?? null },
      });
      return { exitCode: 0, usage: report };
    },
  };
}

export const anthropicExecutor = createAnthropicExecutor();
