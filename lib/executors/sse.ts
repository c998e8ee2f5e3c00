import "server-only";

/**
 * A small reader for server-sent events (the HTML "event stream" format), as
 * both OpenAI-compatible and Anthropic streaming APIs send them:
 *
 *   event: content_block_delta        <- optional event name
 *   data: {"type":"content_block_delta",...}
 *                                     <- a blank line ends the event
 *
 * Lines end in "\n", "\r\n" or "\r"; a field is "name: value" (one space
 * after the colon is dropped); several `data:` lines join with "\n"; lines
 * starting with ":" are comments (keep-alives). Chunks may split anything
 * anywhere: a line, a "\r\n" pair, a multi-byte character.
 */

export type SseEvent = { event: string; data: string; id?: string };

export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];
  private id: string | undefined;

  /** Adds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    this.buffer += text;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;
      // A "\r" at the very end may be the first half of "\r\n": wait for the next chunk.
      if (ch === "\r" && i === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, i), out);
      if (ch === "\r" && this.buffer[i + 1] === "\n") i++;
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /**
   * The stream ended. The spec drops an event that was not followed by a
   * blank line; servers that forget the last one are common enough that we
   * deliver it instead.
   */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.buffer !== "") this.line(this.buffer.replace(/\r$/, ""), out);
    this.buffer = "";
    this.line("", out);
    return out;
  }

  private line(line: string, out: SseEvent[]) {
    if (line === "") {
      if (this.data.length > 0) {
        out.push({ event: this.event || "message", data: this.data.join("\n"), ...(this.id !== undefined ? { id: this.id } : {}) });
      }
      this.event = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id") this.id = value;
    // "retry" and unknown fields are ignored.
  }
}

/** Reads an HTTP response body as server-sent events, decoding UTF-8 across chunk boundaries. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    finished = true;
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    // The consumer stopped early (an error event, [DONE]): close the connection.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
