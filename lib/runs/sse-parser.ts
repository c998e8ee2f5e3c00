/**
 * An incremental text/event-stream parser (the WHATWG rules that matter here:
 * `id:`, `event:`, `data:` lines, `:` comments, `retry:`, a blank line ends a
 * message). Pure, with no server-only import: the live view, the tests and the
 * benchmarks read run streams with it.
 */
export type SseMessage = { id: string | null; event: string; data: string };

export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | null = null;
  /** Comment lines seen so far (keep-alives). */
  comments = 0;
  /** The last `retry:` the server asked for, in ms. */
  retry: number | null = null;

  /** Feed decoded text; returns the messages it completed, in order. */
  push(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    const text = this.buffer + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end--; // \r\n
      this.line(text.slice(start, end), out);
      start = nl + 1;
    }
    this.buffer = start === 0 ? text : text.slice(start);
    return out;
  }

  private line(line: string, out: SseMessage[]) {
    if (line === "") {
      if (this.data.length > 0) out.push({ id: this.id, event: this.event || "message", data: this.data.join("\n") });
      this.data = [];
      this.event = "";
      this.id = null;
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id") this.id = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retry = Number(value);
  }
}
