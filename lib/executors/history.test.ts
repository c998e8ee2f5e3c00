import { describe, expect, it } from "vitest";
import { conversationMessages, trimHistory } from "./history";
import type { RunLogEvent } from "./types";

describe("conversation history for the HTTP executors", () => {
  const history = [
    { role: "user" as const, content: "a".repeat(400) },
    { role: "assistant" as const, content: "b".repeat(400) },
    { role: "user" as const, content: "c".repeat(40) },
    { role: "assistant" as const, content: "d".repeat(40) },
  ];

  it("drops the oldest messages past the context budget, keeping a user message first", () => {
    // Budget 150 tokens: the task (10) and the last two (10 each) fit; the 100-token assistant message does not.
    expect(trimHistory(history, "t".repeat(40), 150)).toEqual({ messages: history.slice(2), dropped: 2 });
    expect(trimHistory(history, "t".repeat(40), 1000).dropped).toBe(0);
  });

  it("says in the run's log how many messages were left out, and ends with the new message", () => {
    const events: RunLogEvent[] = [];
    const messages = conversationMessages({ history, task: "next", emit: (e) => events.push(e) }, 150);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages.at(-1)!.content).toBe("next");
    expect(events).toEqual([expect.objectContaining({ stream: "system", kind: "note", text: "2 earlier messages of this conversation left out to fit the model's context." })]);
  });
});
