import "server-only";
import { config } from "@/lib/config";
import type { Executor, ExecutorContext, ExecutorResult, RunLogEvent, UsageReport } from "./types";
import { cancelled, causeOf, postForStream } from "./http";
import { LineBuffer } from "./lines";
import { isHost, resolveProvider } from "./provider";
import { readSse } from "./sse";
import { conversationMessages } from "./history";

/**
 * `openai-compatible`: one streaming chat completion against any server that
 * speaks OpenAI's API (OpenAI, Ollama, vLLM, llama.cpp server, ...).
 *
 *   POST {baseUrl}/chat/completions
 *   {"model", "stream": true, "stream_options": {"include_usage": true},
 *    "messages": [{"role":"system",...}, {"role":"user", "content": task}]}
 *
 * The reply is server-sent events, `data: {chunk}` each, ending with
 * `data: [DONE]`. A chunk's `choices[0].delta.content` is a piece of text;
 * pieces are joined and emitted one log line per finished line of text.
 * With include_usage the last chunk has `choices: []` and
 * `usage: {prompt_tokens, completion_tokens, prompt_tokens_details: {cached_tokens}}`.
 * Reasoning servers send `delta.reasoning_content` (vLLM, DeepSeek) or
 * `delta.reasoning` (Ollama, OpenRouter): those become "thinking" lines.
 *
 * Tokens are reported Anthropic-style: inputTokens excludes cached tokens,
 * which are counted in cacheReadTokens (OpenAI's prompt_tokens includes them).
 */

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
const PROVIDER = "OpenAI-compatible server";

type Json = Record<string, unknown>;

export function createOpenAiCompatibleExecutor(): Executor {
  return {
    id: "openai-compatible",
    async run(ctx: ExecutorContext): Promise<ExecutorResult> {
      const cfg = config();
      const { baseUrl, apiKey } = resolveProvider(
        ctx.provider,
        { apiKey: cfg.openaiApiKey, baseUrl: cfg.openaiBaseUrl },
        OPENAI_DEFAULT_BASE_URL,
      );
      if (!apiKey && isHost(baseUrl, "api.openai.com")) {
        return {
          exitCode: 1,
          error:
            "No OpenAI API key: add one in /settings/providers (or ask an administrator for a server-wide key). For a local server such as Ollama, set its base URL there instead.",
        };
      }
      if (!ctx.model) {
        return { exitCode: 1, error: "No model set: choose the model this server should run on the agent (e.g. gpt-4o-mini or llama3.2)" };
      }
      let url: string;
      try {
        url = new URL(`${baseUrl}/chat/completions`).toString();
      } catch {
        return { exitCode: 1, error: `Invalid base URL for the OpenAI-compatible server: ${baseUrl}` };
      }

      // A conversation's turn sends its whole history (trimmed from the oldest to fit).
      const messages: { role: "system" | "user" | "assistant"; content: string }[] = [];
      if (ctx.agent.systemPrompt.trim()) messages.push({ role: "system", content: ctx.agent.systemPrompt });
      messages.push(...conversationMessages(ctx));

      ctx.emit({
        stream: "system",
        kind: "init",
        text: `Chat completion · model ${ctx.model} · ${new URL(url).host}`,
        data: { baseUrl, model: ctx.model },
      });
      if (ctx.signal.aborted) return cancelled();

      const start = await postForStream(
        PROVIDER,
        url,
        apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        { model: ctx.model, stream: true, stream_options: { include_usage: true }, messages },
        ctx.signal,
      );
      if (!start.ok) return start.result;

      const text = new LineBuffer();
      const thinking = new LineBuffer();
      const emitLines = (lines: string[], kind: "text" | "thinking") =>
        lines.forEach((line) => ctx.emit({ stream: "stdout", kind, text: line }));
      const flushThinking = () => {
        const rest = thinking.flush();
        if (rest !== null) emitLines([rest], "thinking");
      };
      const flushAll = () => {
        flushThinking();
        const rest = text.flush();
        if (rest !== null) emitLines([rest], "text");
      };

      let usage: UsageReport | undefined;
      let model = ctx.model;
      let finishReason: string | null = null;
      try {
        for await (const event of readSse(start.response.body)) {
          if (event.data === "[DONE]") break;
          let chunk: Json;
          try {
            chunk = JSON.parse(event.data) as Json;
          } catch {
            ctx.emit({ stream: "stderr", kind: "text", level: "warn", text: event.data, data: { unparsed: true } });
            continue;
          }
          if (chunk.error) {
            flushAll();
            const e = chunk.error as Json | string;
            const message = typeof e === "string" ? e : typeof e.message === "string" ? e.message : JSON.stringify(e);
            ctx.emit({ stream: "system", kind: "error", level: "error", text: message });
            return { exitCode: 1, error: `${PROVIDER} reported an error: ${message}`, usage };
          }
          if (typeof chunk.model === "string" && chunk.model) model = chunk.model;
          const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as Json | undefined) : undefined;
          const delta = choice && typeof choice.delta === "object" && choice.delta !== null ? (choice.delta as Json) : {};
          const reasoning = typeof delta.reasoning_content === "string" ? delta.reasoning_content : delta.reasoning;
          if (typeof reasoning === "string" && reasoning) emitLines(thinking.push(reasoning), "thinking");
          if (typeof delta.content === "string" && delta.content) {
            flushThinking(); // the answer starts: finish the thought first
            emitLines(text.push(delta.content), "text");
          }
          if (choice && typeof choice.finish_reason === "string") finishReason = choice.finish_reason;
          if (chunk.usage && typeof chunk.usage === "object") usage = readUsage(chunk.usage as Json, model);
        }
      } catch (err) {
        flushAll();
        if (ctx.signal.aborted) return { ...cancelled(), usage };
        return { exitCode: 1, error: `The stream from the ${PROVIDER} broke off: ${causeOf(err)}`, usage };
      }
      flushAll();
      if (usage) usage.model = model;

      const notes: RunLogEvent[] = [];
      if (finishReason === "length") {
        notes.push({ stream: "system", kind: "warning", level: "warn", text: "Stopped early: the reply reached the model's token limit" });
      } else if (finishReason === "content_filter") {
        notes.push({ stream: "system", kind: "warning", level: "warn", text: "Stopped early: the provider's content filter cut the reply" });
      }
      notes.forEach(ctx.emit);
      ctx.emit({
        stream: "system",
        kind: "result",
        text: usage ? `Done · ${describeUsage(usage)}` : "Done · the server reported no token usage",
        data: { finishReason, usage: usage ?? null },
      });
      return { exitCode: 0, usage };
    },
  };
}

function readUsage(u: Json, model: string): UsageReport {
  const prompt = typeof u.prompt_tokens === "number" ? u.prompt_tokens : 0;
  const completion = typeof u.completion_tokens === "number" ? u.completion_tokens : 0;
  const details = typeof u.prompt_tokens_details === "object" && u.prompt_tokens_details !== null ? (u.prompt_tokens_details as Json) : {};
  const cached = typeof details.cached_tokens === "number" ? Math.min(details.cached_tokens, prompt) : 0;
  return { model, inputTokens: prompt - cached, outputTokens: completion, cacheReadTokens: cached, cacheWriteTokens: 0, costUsd: null };
}

export function describeUsage(u: UsageReport): string {
  const parts = [`${u.inputTokens} in / ${u.outputTokens} out tokens`];
  if (u.cacheReadTokens) parts.push(`${u.cacheReadTokens} cached`);
  if (u.cacheWriteTokens) parts.push(`${u.cacheWriteTokens} written to cache`);
  if (u.costUsd !== null) parts.push(`$${u.costUsd.toFixed(4)}`);
  return parts.join(" · ");
}

export const openAiCompatibleExecutor = createOpenAiCompatibleExecutor();
