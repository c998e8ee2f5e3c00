import "server-only";

/**
 * Turns a stream of text chunks (process output, model text deltas) into
 * whole lines. A line ends at "\n"; a "\r" just before it is dropped, so
 * "\r\n" split across two chunks still ends one line. Whatever is left
 * without a newline comes out of flush() at the end, so a final line without
 * "\n" is never lost. A line longer than maxLineLength is emitted in pieces
 * rather than growing without bound.
 */
export class LineBuffer {
  private pending = "";

  constructor(private readonly maxLineLength = 8 * 1024 * 1024) {}

  /** Adds a chunk; returns the lines it completed, in order. */
  push(chunk: string): string[] {
    const lines: string[] = [];
    let text = this.pending + chunk;
    let newline = text.indexOf("\n");
    while (newline !== -1) {
      lines.push(stripCr(text.slice(0, newline)));
      text = text.slice(newline + 1);
      newline = text.indexOf("\n");
    }
    while (text.length > this.maxLineLength) {
      lines.push(text.slice(0, this.maxLineLength));
      text = text.slice(this.maxLineLength);
    }
    this.pending = text;
    return lines;
  }

  /** The unfinished last line, if any (emptied). */
  flush(): string | null {
    const rest = stripCr(this.pending);
    this.pending = "";
    return rest === "" ? null : rest;
  }
}

function stripCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
