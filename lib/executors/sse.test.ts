import { describe, expect, it } from "vitest";
import { readSse, SseParser, type SseEvent } from "./sse";

const STREAM =
  ": keep-alive comment\r\n" +
  "event: message_start\r\n" +
  'data: {"type":"message_start"}\r\n' +
  "\r\n" +
  'data: {"a":1}\n' +
  'data: {"b":"ü→한"}\n' +
  "\n" +
  "id: 7\r" +
  "data:no-space\r" +
  "\r" +
  "data: [DONE]\n\n";

const EXPECTED: SseEvent[] = [
  { event: "message_start", data: '{"type":"message_start"}' },
  { event: "message", data: '{"a":1}\n{"b":"ü→한"}' },
  { event: "message", data: "no-space", id: "7" },
  // The last event id sticks until another `id:` line, as the spec says.
  { event: "message", data: "[DONE]", id: "7" },
];

describe("SseParser", () => {
  it("reads events, names, ids, multi-line data and comments with \\n, \\r\\n and \\r line ends", () => {
    const p = new SseParser();
    expect([...p.push(STREAM), ...p.end()]).toEqual(EXPECTED);
  });

  it("gives the same events when the text is split at every possible place", () => {
    for (let at = 0; at <= STREAM.length; at++) {
      const p = new SseParser();
      const out = [...p.push(STREAM.slice(0, at)), ...p.push(STREAM.slice(at)), ...p.end()];
      expect(out, `split at ${at}`).toEqual(EXPECTED);
    }
  });

  it("delivers a last event the server did not end with a blank line", () => {
    const p = new SseParser();
    expect([...p.push("data: tail"), ...p.end()]).toEqual([{ event: "message", data: "tail" }]);
  });

  it("decodes a body whose bytes split UTF-8 characters across reads", async () => {
    const bytes = new TextEncoder().encode(STREAM);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.subarray(i, i + 3));
        controller.close();
      },
    });
    const out: SseEvent[] = [];
    for await (const e of readSse(body)) out.push(e);
    expect(out).toEqual(EXPECTED);
  });
});
