import "server-only";
import type { ExecutorResult } from "./types";

/**
 * What the two HTTP executors share: one POST that either gives a streaming
 * response or a clear sentence saying why not (unreachable server, HTTP
 * error with the provider's own message, cancelled).
 */

export type StreamStart = { ok: true; response: Response & { body: ReadableStream<Uint8Array> } } | { ok: false; result: ExecutorResult };

export async function postForStream(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  signal: AbortSignal,
): Promise<StreamStart> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal.aborted) return { ok: false, result: cancelled() };
    return { ok: false, result: { exitCode: 1, error: `Could not reach ${provider} at ${url}: ${causeOf(err)}` } };
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    const message = providerMessage(text) ?? (response.statusText || "no details");
    const hint =
      response.status === 401 || response.status === 403
        ? " (check the API key in /settings/providers or the server's environment)"
        : "";
    return { ok: false, result: { exitCode: 1, error: `${provider} returned HTTP ${response.status}: ${message}${hint}` } };
  }
  if (!response.body) return { ok: false, result: { exitCode: 1, error: `${provider} sent an empty response` } };
  return { ok: true, response: response as Response & { body: ReadableStream<Uint8Array> } };
}

export function cancelled(): ExecutorResult {
  return { exitCode: null, error: "Cancelled." };
}

/** The human part of an error body: OpenAI/Anthropic `{error:{message}}`, Ollama `{error:"..."}`, or the text itself. */
export function providerMessage(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const json: unknown = JSON.parse(trimmed);
    if (typeof json === "object" && json !== null) {
      const o = json as Record<string, unknown>;
      const error = o.error;
      if (typeof error === "string") return error;
      if (typeof error === "object" && error !== null) {
        const e = error as Record<string, unknown>;
        if (typeof e.message === "string") return typeof e.type === "string" ? `${e.message} (${e.type})` : e.message;
      }
      if (typeof o.message === "string") return o.message;
      if (typeof o.detail === "string") return o.detail;
    }
  } catch {
    // not JSON: use the text
  }
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

export function causeOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return cause.message;
    return err.message;
  }
  return String(err);
}
