import { deltas, sendJson, startStandIn, streamInPieces, type StandIn } from "./http-stand-in";

/**
 * A loopback stand-in for Anthropic's streaming Messages API
 * (POST /v1/messages with stream: true). It checks the request the way the
 * real API would (path, x-api-key, anthropic-version, max_tokens, stream,
 * messages), then streams named events: message_start (input and cache
 * usage), a text block in small text_delta pieces, a ping, a tool_use block
 * whose JSON input arrives in input_json_delta pieces, message_delta (stop
 * reason, output tokens) and message_stop, in many small TCP writes.
 */

export const ANTHROPIC_REPLY = "Bonjour from the stand-in.\nIt checks the weather — ☀️ or 🌧️?\nLast line without newline";
export const ANTHROPIC_USAGE = { input_tokens: 25, cache_creation_input_tokens: 50, cache_read_input_tokens: 100, output_tokens: 1 };

export type AnthropicStandInOptions = {
  apiKey?: string;
  /** Send an `error` event (overloaded_error) after the first piece of text. */
  overloaded?: boolean;
};

export function startAnthropicStandIn(options: AnthropicStandInOptions = {}): Promise<StandIn> {
  const apiKey = options.apiKey ?? "sk-ant-test-stand-in";
  return startStandIn(async (req, res) => {
    const error = (status: number, type: string, message: string) =>
      sendJson(res, status, { type: "error", error: { type, message }, request_id: "req_standin" });
    if (req.method !== "POST" || req.path !== "/v1/messages") return error(404, "not_found_error", "Not found");
    if (req.headers["x-api-key"] !== apiKey) return error(401, "authentication_error", "invalid x-api-key");
    if (req.headers["anthropic-version"] !== "2023-06-01") return error(400, "invalid_request_error", "anthropic-version: header is required");
    const body = req.body as Record<string, unknown> | null;
    if (!body || typeof body.model !== "string") return error(400, "invalid_request_error", "model: Field required");
    if (typeof body.max_tokens !== "number") return error(400, "invalid_request_error", "max_tokens: Field required");
    if (!Array.isArray(body.messages) || body.messages.length === 0) return error(400, "invalid_request_error", "messages: Field required");
    if (body.stream !== true) return error(400, "invalid_request_error", "this stand-in only streams: set stream: true");

    const event = (name: string, data: Record<string, unknown>) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    let stream = event("message_start", {
      message: {
        id: "msg_standin01",
        type: "message",
        role: "assistant",
        model: `${body.model}-20250929`,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: ANTHROPIC_USAGE,
      },
    });
    stream += event("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
    stream += event("ping", {});
    const pieces = deltas(ANTHROPIC_REPLY);
    for (const [i, text] of pieces.entries()) {
      stream += event("content_block_delta", { index: 0, delta: { type: "text_delta", text } });
      if (options.overloaded && i === 0) {
        stream += event("error", { error: { type: "overloaded_error", message: "Overloaded" } });
        break;
      }
    }
    if (!options.overloaded) {
      stream += event("content_block_stop", { index: 0 });
      stream += event("content_block_start", { index: 1, content_block: { type: "tool_use", id: "toolu_standin01", name: "get_weather", input: {} } });
      for (const partial_json of ["", '{"loca', 'tion": "Par', 'is, France"', ', "unit": "c"}']) {
        stream += event("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json } });
      }
      stream += event("content_block_stop", { index: 1 });
      stream += event("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 42 } });
      stream += event("message_stop", {});
    }
    await streamInPieces(res, stream);
  });
}
