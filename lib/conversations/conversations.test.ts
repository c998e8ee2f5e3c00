import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { jobHandlers } from "@/lib/server/job-handlers";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker } from "@/lib/queue/worker";
import { getRunForUser } from "@/lib/runs/runs";
import { startOpenAiStandIn } from "@/tests/stand-ins/openai-stand-in";
import { getAgent } from "@/lib/agents/agents";
import { executeRun } from "@/lib/runs/execute";
import { createAgentTurn } from "@/lib/runs/turns";
import { continueRunInChat, createConversation, getConversation, listMessages, sendMessage, stopConversation } from "./conversations";
import { chatFixture, FAKE_CLAUDE, flagValue, settledMessages, turnsArgv } from "./test-helpers";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const worker = startWorker({ handlers: jobHandlers, pollMs: 50, logger: quiet });
afterAll(() => worker.stop({ drainMs: 0, abortGraceMs: 500 }));

beforeEach(() => {
  process.env.CLAUDE_CODE_BIN = FAKE_CLAUDE;
  resetConfigForTests();
});
afterEach(() => {
  delete process.env.CLAUDE_CODE_BIN;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
  resetConfigForTests();
});

const summary = (ms: { role: string; content: string; toolName?: string | null }) => `${ms.role}${ms.toolName ? `:${ms.toolName}` : ""}: ${ms.content}`;

describe("conversations through the real queue worker and a Claude Code stand-in CLI", () => {
  it("each turn resumes the session the last one ended in (--resume), replies are stored as messages with their tool calls", async () => {
    const f = await chatFixture();
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const first = await sendMessage(f.userId, conv.id, "write notes.txt first note");
    expect(first.message).toMatchObject({ role: "user", status: "queued", runId: first.run.id });
    await settledMessages(f.userId, conv.id);
    const afterFirst = await getConversation(f.userId, conv.id);
    expect(afterFirst.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(afterFirst.title).toBe("write notes.txt first note");
    expect(fs.readFileSync(path.join(f.dir, "notes.txt"), "utf8")).toBe("first note");

    await sendMessage(f.userId, conv.id, "and now?");
    const messages = await settledMessages(f.userId, conv.id);
    expect(messages.map(summary)).toEqual([
      "user: write notes.txt first note",
      "assistant: Turn 1 (new session).",
      "tool:Write: Wrote notes.txt",
      "assistant: You said: write notes.txt first note",
      "user: and now?",
      `assistant: Turn 2 (resumed session ${afterFirst.sessionId}).\nYou said: and now?`,
    ]);
    expect(messages[2]!.toolInput).toEqual({ file_path: "notes.txt", content: "first note" });
    const [one, two] = turnsArgv(f.dir);
    expect(flagValue(one!, "--resume")).toBeUndefined();
    expect(flagValue(two!, "--resume")).toBe(afterFirst.sessionId);
    expect(two).not.toContain("--fork-session");
    // The session id stays the same on resume; each turn is a completed run of its own.
    expect((await getConversation(f.userId, conv.id)).sessionId).toBe(afterFirst.sessionId);
    expect((await getRunForUser(f.userId, messages[4]!.runId!)).status).toBe("completed");
  });

  it("messages sent while a turn runs wait and run next, in order, none lost", async () => {
    const f = await chatFixture({ standIn: { DELAY_MS: "150" } });
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const sent = [await sendMessage(f.userId, conv.id, "one")];
    await waitFor(async () => (await getRunForUser(f.userId, sent[0]!.run.id)).status === "running", { what: "first turn running" });
    // Three more while the first is answering, two of them at the same moment.
    sent.push(await sendMessage(f.userId, conv.id, "two"));
    sent.push(...(await Promise.all([sendMessage(f.userId, conv.id, "three"), sendMessage(f.userId, conv.id, "four")])));
    expect((await getConversation(f.userId, conv.id)).status).toBe("running");
    const messages = await settledMessages(f.userId, conv.id);
    const users = messages.filter((m) => m.role === "user").map((m) => m.content);
    expect(users).toHaveLength(4);
    expect(users.slice(0, 2)).toEqual(["one", "two"]);
    // Each reply follows the message it answers.
    for (let i = 0; i < messages.length; i++) {
      if (messages[i]!.role !== "user") continue;
      expect(messages[i + 1]!.content).toContain(`You said: ${messages[i]!.content}`);
      expect(messages[i + 1]!.runId).toBe(messages[i]!.runId);
    }
    // Turns ran one after another, each resuming the one before.
    const argv = turnsArgv(f.dir);
    expect(argv.map((a) => flagValue(a, "-p"))).toEqual(users);
    expect(new Set(argv.slice(1).map((a) => flagValue(a, "--resume"))).size).toBe(1);
    for (const s of sent) expect((await getRunForUser(f.userId, s.run.id)).status).toBe("completed");
  });

  it("Stop cancels the running turn and withdraws the messages waiting behind it", async () => {
    const f = await chatFixture({ standIn: { DELAY_MS: "3000" } });
    const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
    const first = await sendMessage(f.userId, conv.id, "slow");
    await waitFor(async () => (await getRunForUser(f.userId, first.run.id)).status === "running", { what: "turn running" });
    const second = await sendMessage(f.userId, conv.id, "never runs");
    const started = Date.now();
    await stopConversation(f.userId, conv.id);
    await waitFor(async () => !["queued", "running"].includes((await getRunForUser(f.userId, first.run.id)).status), { what: "turn stopped" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await getRunForUser(f.userId, first.run.id)).status).toBe("cancelled");
    expect((await getRunForUser(f.userId, second.run.id)).status).toBe("cancelled");
    const messages = await settledMessages(f.userId, conv.id);
    expect(messages.find((m) => m.content === "never runs")!.status).toBe("cancelled");
  });
});

describe("continue in chat", () => {
  it("a finished claude-code run becomes a conversation holding its task and reply; the next message resumes the run's session", async () => {
    const f = await chatFixture();
    const runId = await createAgentTurn(f.userId, { agent: await getAgent(f.userId, f.agentId), projectId: f.projectId, prompt: "look around" });
    const outcome = await executeRun(runId, new AbortController().signal);
    expect(outcome.status).toBe("completed");
    const id = await continueRunInChat(f.userId, runId);
    const copied = (await listMessages(f.userId, id, { limit: 10 })).data;
    expect(copied.map((m) => `${m.role}: ${m.content}`)).toEqual(["user: look around", "assistant: Turn 1 (new session).\nYou said: look around"]);
    await sendMessage(f.userId, id, "go on");
    await settledMessages(f.userId, id);
    expect(flagValue(turnsArgv(f.dir).at(-1)!, "--resume")).toBe(outcome.sessionId);
  });
});

describe("conversations with an HTTP executor (OpenAI stand-in on loopback)", () => {
  it("openai-compatible turns send the whole history, oldest first, with the new message last", async () => {
    const standIn = await startOpenAiStandIn({ apiKey: null, reply: "Noted." });
    try {
      process.env.OPENAI_BASE_URL = `${standIn.url}/v1`;
      resetConfigForTests();
      const f = await chatFixture({ executor: "openai-compatible", model: "gpt-stand-in" });
      const conv = await createConversation(f.userId, { agentId: f.agentId, projectId: f.projectId });
      await sendMessage(f.userId, conv.id, "My name is Ada.");
      await settledMessages(f.userId, conv.id);
      await sendMessage(f.userId, conv.id, "What is my name?");
      await settledMessages(f.userId, conv.id);
      expect(standIn.requests).toHaveLength(2);
      expect((standIn.requests[1]!.body as { messages: unknown }).messages).toEqual([
        { role: "user", content: "My name is Ada." },
        { role: "assistant", content: "Noted." },
        { role: "user", content: "What is my name?" },
      ]);
    } finally {
      await standIn.close();
    }
  });
});
