/**
 * ANSI escape codes in CLI output. Pure functions with no server-only import:
 * the run log download strips codes with them, and the live view renders the
 * common SGR codes (reset, bold, dim, italic, underline, 30–37/90–97
 * foreground, 40–47/100–107 background, 38;5;n/48;5;n for n < 16) as spans.
 * Every other escape sequence (cursor moves, erase, OSC links, 24-bit colour)
 * is dropped, and a carriage return keeps only what was written after it, as a
 * terminal shows a progress line.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes, and C0 controls but \t.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|[\x00-\x08\x0b-\x1f\x7f]/g;
const SGR_OR_OTHER = /\x1b\[([0-9;:]*)m|\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|[\x00-\x08\x0b-\x1f\x7f]/g;

/** What a terminal would show after carriage returns: the text after the last \r of each line. */
function afterCarriageReturns(text: string): string {
  if (!text.includes("\r")) return text;
  return text
    .split("\n")
    .map((line) => {
      const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
      const at = trimmed.lastIndexOf("\r");
      return at === -1 ? trimmed : trimmed.slice(at + 1);
    })
    .join("\n");
}

export function stripAnsi(text: string): string {
  return afterCarriageReturns(text).replace(ESCAPES, "");
}

export type AnsiStyle = { fg?: number; bg?: number; bold?: boolean; dim?: boolean; italic?: boolean; underline?: boolean };
export type AnsiSegment = { text: string; style: AnsiStyle | null };

function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === "" ? [0] : params.split(/[;:]/).map((p) => (p === "" ? 0 : Number(p)));
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) next = {};
    else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 22) next.bold = next.dim = undefined;
    else if (c === 23) next.italic = undefined;
    else if (c === 24) next.underline = undefined;
    else if (c >= 30 && c <= 37) next.fg = c - 30;
    else if (c >= 90 && c <= 97) next.fg = c - 90 + 8;
    else if (c === 39) next.fg = undefined;
    else if (c >= 40 && c <= 47) next.bg = c - 40;
    else if (c >= 100 && c <= 107) next.bg = c - 100 + 8;
    else if (c === 49) next.bg = undefined;
    else if (c === 38 || c === 48) {
      // 38;5;n (256 colours: the first 16 map to ours) or 38;2;r;g;b (24-bit: not shown).
      const mode = codes[i + 1];
      if (mode === 5) {
        const n = codes[i + 2] ?? 0;
        if (n < 16) next[c === 38 ? "fg" : "bg"] = n;
        i += 2;
      } else if (mode === 2) i += 4;
    }
  }
  return next;
}

function isPlain(style: AnsiStyle): boolean {
  return style.fg === undefined && style.bg === undefined && !style.bold && !style.dim && !style.italic && !style.underline;
}

/** Split a line into runs of text with one style each; no escape codes remain in the text. */
export function parseAnsi(input: string): AnsiSegment[] {
  const text = afterCarriageReturns(input);
  if (!/[\x00-\x08\x0b-\x1f\x7f]/.test(text)) return [{ text, style: null }];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (chunk: string) => {
    if (!chunk) return;
    const s = isPlain(style) ? null : style;
    const prev = segments[segments.length - 1];
    if (prev && prev.style === s) prev.text += chunk;
    else segments.push({ text: chunk, style: s });
  };
  SGR_OR_OTHER.lastIndex = 0;
  for (let m = SGR_OR_OTHER.exec(text); m; m = SGR_OR_OTHER.exec(text)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) style = applySgr(style, m[1]);
    if (m[0].length === 0) SGR_OR_OTHER.lastIndex++;
  }
  push(text.slice(last));
  return segments;
}
