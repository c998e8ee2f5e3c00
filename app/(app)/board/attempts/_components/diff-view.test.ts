import { describe, expect, it } from "vitest";
import { parsePatch } from "./diff-view";

describe("parsePatch", () => {
  it("splits a unified diff into files with numbered added, removed and context lines", () => {
    const patch = [
      "diff --git a/a.txt b/a.txt",
      "index 1..2 100644",
      "--- a/a.txt",
      "+++ b/a.txt",
      "@@ -1,2 +1,2 @@",
      " same",
      "-old",
      "+new",
      "diff --git a/new file.md b/new file.md",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/new file.md",
      "@@ -0,0 +1 @@",
      "+hello",
      "\\ No newline at end of file",
      "",
    ].join("\n");
    const files = parsePatch(patch);
    expect(files.map((f) => f.path)).toEqual(["a.txt", "new file.md"]);
    expect(files[0]!.lines.filter((l) => l.kind !== "meta")).toEqual([
      { kind: "hunk", text: "@@ -1,2 +1,2 @@" },
      { kind: "ctx", text: "same", oldNo: 1, newNo: 1 },
      { kind: "del", text: "old", oldNo: 2 },
      { kind: "add", text: "new", newNo: 2 },
    ]);
    expect(files[1]!.lines.at(-2)).toEqual({ kind: "add", text: "hello", newNo: 1 });
    expect(files[1]!.lines.at(-1)).toMatchObject({ kind: "meta" });
    expect(parsePatch("")).toEqual([]);
  });
});
