import { describe, expect, it } from "vitest";
import { parseAnsi, stripAnsi } from "./ansi";

describe("ANSI codes", () => {
  it("leaves plain text alone", () => {
    expect(parseAnsi("hello world")).toEqual([{ text: "hello world", style: null }]);
  });

  it("turns SGR colours, bold and dim into styled segments, and resets", () => {
    expect(parseAnsi("a\x1b[1;31mred\x1b[0m b \x1b[2m\x1b[92mdim green\x1b[39m dim\x1b[22m c\x1b[44mbg\x1b[m")).toEqual([
      { text: "a", style: null },
      { text: "red", style: { bold: true, fg: 1 } },
      { text: " b ", style: null },
      { text: "dim green", style: { dim: true, fg: 10 } },
      { text: " dim", style: { dim: true, fg: undefined } },
      { text: " c", style: null },
      { text: "bg", style: { bg: 4 } },
    ]);
    expect(parseAnsi("\x1b[38;5;9mx\x1b[38;2;1;2;3my")).toEqual([
      { text: "x", style: { fg: 9 } },
      { text: "y", style: { fg: 9 } },
    ]);
  });

  it("drops other escape sequences and control characters", () => {
    const text = "\x1b[2K\x1b[1Gdone \x1b]8;;https://x.test\x07link\x1b]8;;\x07 \x1b(B!\x07";
    expect(stripAnsi(text)).toBe("done link !");
    expect(parseAnsi(text)).toEqual([{ text: "done link !", style: null }]);
  });

  it("keeps what a terminal shows after carriage returns", () => {
    expect(stripAnsi("10%\r50%\r100%")).toBe("100%");
    expect(stripAnsi("line\r\nnext")).toBe("line\nnext");
  });
});
