import { describe, expect, it } from "vitest";
import { LineBuffer } from "./lines";

describe("LineBuffer", () => {
  it("joins lines split across chunks, drops \\r of \\r\\n even when split, keeps the last line without newline", () => {
    const buf = new LineBuffer();
    const out = [
      ...buf.push("hel"),
      ...buf.push("lo\r"),
      ...buf.push("\nwor"),
      ...buf.push("ld\n\nthird\r\n"),
      ...buf.push("last"),
    ];
    expect(out).toEqual(["hello", "world", "", "third"]);
    expect(buf.flush()).toBe("last");
    expect(buf.flush()).toBeNull();
  });

  it("gives the same lines whatever the chunking", () => {
    const text = "alpha\r\nbeta\n\ngamma — 한국어\nδ";
    for (let size = 1; size <= text.length; size++) {
      const buf = new LineBuffer();
      const out: string[] = [];
      for (let i = 0; i < text.length; i += size) out.push(...buf.push(text.slice(i, i + size)));
      const rest = buf.flush();
      if (rest !== null) out.push(rest);
      expect(out).toEqual(["alpha", "beta", "", "gamma — 한국어", "δ"]);
    }
  });

  it("cuts a runaway line into pieces instead of growing without bound", () => {
    const buf = new LineBuffer(4);
    expect(buf.push("abcdefghij")).toEqual(["abcd", "efgh"]);
    expect(buf.flush()).toBe("ij");
  });
});
