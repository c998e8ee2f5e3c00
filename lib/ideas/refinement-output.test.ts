import { describe, expect, it } from "vitest";
import { lastFencedBlock, MAX_QUESTION_LENGTH, MAX_QUESTIONS, parseRefinementOutput } from "./refinement-output";

const fence = (tag: string, body: string) => ["```" + tag, body, "```"].join("\n");

describe("parseRefinementOutput", () => {
  it("reads a questions block surrounded by stray text", () => {
    const out = parseRefinementOutput(`I looked at the repo.\n${fence("switchboard-questions", '["Which database?", "Who may see it?"]')}\nThanks!`);
    expect(out).toEqual({ questions: ["Which database?", "Who may see it?"], tasks: null, problems: [] });
  });

  it("says null (not empty) when there is no block, and [] for an empty array", () => {
    expect(parseRefinementOutput("No questions from me.").questions).toBeNull();
    expect(parseRefinementOutput(fence("switchboard-questions", "[]")).questions).toEqual([]);
  });

  it("the last block wins (an echoed example before the real answer is ignored)", () => {
    const text = [fence("switchboard-questions", '["<first question>"]'), "thinking...", fence("switchboard-questions", '["Real one?"]')].join("\n");
    expect(parseRefinementOutput(text).questions).toEqual(["Real one?"]);
  });

  it("accepts objects with a question key, trims, drops blanks and duplicates, and says what it skipped", () => {
    const out = parseRefinementOutput(fence("switchboard-questions", '[{"question": " A? "}, "A?", 42, "", {"q": "x"}, "B?"]'));
    expect(out.questions).toEqual(["A?", "B?"]);
    expect(out.problems).toEqual([expect.stringMatching(/3 item\(s\).*skipped/)]);
  });

  it("bad JSON or a non-array gives a clear problem line, never a throw", () => {
    const bad = parseRefinementOutput(fence("switchboard-questions", '["unterminated'));
    expect(bad.questions).toBeNull();
    expect(bad.problems).toEqual(["The switchboard-questions block is not valid JSON; it was ignored."]);
    const obj = parseRefinementOutput(fence("switchboard-questions", '{"question": "x"}'));
    expect(obj.problems).toEqual(["The switchboard-questions block must be a JSON array; it was ignored."]);
  });

  it("caps how many questions are kept and how long each may be", () => {
    const many = Array.from({ length: MAX_QUESTIONS + 5 }, (_, i) => `Q${i}?`);
    const out = parseRefinementOutput(fence("switchboard-questions", JSON.stringify(many)));
    expect(out.questions).toHaveLength(MAX_QUESTIONS);
    expect(out.problems[0]).toMatch(/only the first 20/);
    const long = parseRefinementOutput(fence("switchboard-questions", JSON.stringify(["x".repeat(MAX_QUESTION_LENGTH * 2)])));
    expect(long.questions![0]!.length).toBe(MAX_QUESTION_LENGTH);
  });

  it("tolerates CRLF, indented fences and a missing closing fence at the end", () => {
    expect(parseRefinementOutput('  ```switchboard-questions\r\n  ["A?"]\r\n  ```\r\n').questions).toEqual(["A?"]);
    expect(parseRefinementOutput('```switchboard-questions\n["A?"]').questions).toEqual(["A?"]);
  });

  it("reads proposed tasks: unknown types become feature, untitled items are skipped", () => {
    const text = fence(
      "switchboard-tasks",
      JSON.stringify([{ title: "Schema", description: "Add a table", type: "chore" }, { title: "UI", type: "nonsense" }, { description: "no title" }]),
    );
    const out = parseRefinementOutput(text);
    expect(out.tasks).toEqual([
      { title: "Schema", description: "Add a table", type: "chore" },
      { title: "UI", description: "", type: "feature" },
    ]);
    expect(out.problems).toEqual([expect.stringMatching(/1 item\(s\) of the tasks block had no title/)]);
  });

  it("a block of another tag is not read as questions", () => {
    expect(lastFencedBlock(fence("json", '["x"]'), "switchboard-questions")).toBeNull();
  });
});
