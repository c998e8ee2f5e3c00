import { deltas, sendJson, startStandIn, streamInPieces, type StandIn } from "./http-stand-in";

/**
 * A loopback stand-in for OpenAI's streaming chat completions
 * (POST /v1/chat/completions with stream: true). It checks the request the
 * way the real API would (path, bearer key, stream flag, include_usage, a
 * model and messages), then streams `chat.completion.chunk` objects as
 * `data:` events, a last chunk with `choices: []` and the usage, and
 * `data: [DONE]`, in many small TCP writes.
 */

export const OPENAI_REPLY = "Hello from the stand-in.\nSecond line — ünïcødé and 한국어 survive.\n\nLast line without newline";
export const OPENAI_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 34,
  total_tokens: 1234,
  prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};

export type OpenAiStandInOptions = {
  /** The key to require; null accepts requests without one (like Ollama). */
  apiKey?: string | null;
  reply?: string;
  /** Sent as reasoning_content deltas before the reply (vLLM/DeepSeek style). */
  reasoning?: string;
  finishReason?: string;
};

export function startOpenAiStandIn(options: OpenAiStandInOptions = {}): Promise<StandIn> {
  const apiKey = options.apiKey === undefined ? "sk-test-stand-in" : options.apiKey;
  return startStandIn(async (req, res) => {
    if (req.method !== "POST" || req.path !== "/v1/chat/completions") {
      return sendJson(res, 404, { error: { message: `Unknown request URL: ${req.method} ${req.path}`, type: "invalid_request_error", param: null, code: "unknown_url" } });
    }
    const auth = req.headers.authorization;
    if (apiKey !== null && auth !== `Bearer ${apiKey}`) {
      const shown = auth?.replace(/^Bearer /, "") ?? "";
      return sendJson(res, 401, {
        error: {
          message: shown
            ? `Incorrect API key provided: ${shown.slice(0, 3)}***${shown.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`
            : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      });
    }
    const body = req.body as Record<string, unknown> | null;
    const problem =
      !body || typeof body !== "object"
        ? "We could not parse the JSON body of your request."
        : typeof body.model !== "string"
          ? "you must provide a model parameter"
          : !Array.isArray(body.messages) || body.messages.length === 0
            ? "'messages' is a required property"
            : body.stream !== true
              ? "this stand-in only streams: set stream: true"
              : (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage !== true
                ? "this stand-in expects stream_options.include_usage"
                : null;
    if (problem) return sendJson(res, 400, { error: { message: problem, type: "invalid_request_error", param: null, code: null } });

    const model = `${body!.model as string}-2024-07-18`;
    const base = { id: "chatcmpl-standin0001", object: "chat.completion.chunk", created: 1_728_000_000, model, system_fingerprint: "fp_standin" };
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;

    let stream = chunk({ role: "assistant", content: "", refusal: null });
    for (const piece of deltas(options.reasoning ?? "")) stream += chunk({ reasoning_content: piece });
    for (const piece of deltas(options.reply ?? OPENAI_REPLY)) stream += chunk({ content: piece });
    stream += chunk({}, options.finishReason ?? "stop");
    stream += `data: ${JSON.stringify({ ...base, choices: [], usage: OPENAI_USAGE })}\n\n`;
    stream += "data: [DONE]\n\n";
    await streamInPieces(res, stream);
  });
}
