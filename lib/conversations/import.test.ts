import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/conversations/import/route";
import { resetConfigForTests } from "@/lib/config";
import { jobHandlers } from "@/lib/server/job-handlers";
import { startWorker } from "@/lib/queue/worker";
import { listMessages, sendMessage } from "./conversations";
import { chatFixture, FAKE_CLAUDE, flagValue, settledMessages, turnsArgv } from "./test-helpers";

const FIXTURES = path.resolve(__dirname, "../../tests/fixtures/claude-code");
const SESSION_ID = "3f6c2a10-8b7e-4d21-9c4a-5e0b1d2f7a93";
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const worker = startWorker({ handlers: jobHandlers, pollMs: 50, logger: quiet });
afterAll(() => worker.stop({ drainMs: 0, abortGraceMs: 500 }));
beforeEach(() => {
  process.env.CLAUDE_CODE_BIN = FAKE_CLAUDE;
  resetConfigForTests();
});
afterEach(() => {
  delete process.env.CLAUDE_CODE_BIN;
  resetConfigForTests();
});

function importRequest(auth: string, query: string, body: string) {
  return new Request(`http://localhost/api/v1/conversations/import?${query}`, { method: "POST", headers: { authorization: auth, "content-type": "application/x-ndjson" }, body });
}

describe("POST /conversations/import with Claude Code session files", () => {
  it("makes a conversation of every line type (summary, file-history-snapshot, queue-operation, user, assistant with tool_use, tool_result, system, unknown), and its next message resumes the session", async () => {
    const f = await chatFixture();
    const response = await importRoute(importRequest(f.user.auth, `projectId=${f.projectId}`, fixture("session.jsonl")));
    expect(response.status).toBe(201);
    const conv = (await response.json()) as { id: string; title: string; sessionId: string; agentId: string };
    expect(conv).toMatchObject({ title: "Add a --version flag to the CLI", sessionId: SESSION_ID, agentId: f.agentId });
    const messages = (await listMessages(f.userId, conv.id, { limit: 100 })).data;
    expect(messages.map((m) => `${m.role}${m.toolName ? `:${m.toolName}` : ""}: ${m.content}`)).toEqual([
      "user: Add a --version flag to cli.js that prints the package version.",
      "assistant: I'll read **cli.js** first.",
      "tool:Read: const args = process.argv.slice(2);\nconsole.log(args);",
      "tool:Edit: The file /home/dev/tool/cli.js has been updated.",
      "assistant: Done: `node cli.js --version` now prints the version.",
    ]);
    expect(messages[2]!.toolInput).toEqual({ file_path: "/home/dev/tool/cli.js" });
    expect(messages[0]!.createdAt).toBe("2026-11-30T09:00:01.000Z");

    await sendMessage(f.userId, conv.id, "Add a test too");
    await settledMessages(f.userId, conv.id);
    expect(flagValue(turnsArgv(f.dir)[0]!, "--resume")).toBe(SESSION_ID);
  });

  it("a malformed file is refused with 400 naming the line; nothing is imported", async () => {
    const f = await chatFixture();
    const bad = await importRoute(importRequest(f.user.auth, `projectId=${f.projectId}`, fixture("malformed.jsonl")));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^Line 4 is not JSON/);
    const notEntries = await importRoute(importRequest(f.user.auth, `projectId=${f.projectId}`, fixture("not-entries.jsonl")));
    expect(notEntries.status).toBe(400);
    expect(((await notEntries.json()) as { error: { message: string } }).error.message).toMatch(/^Line 2 is not a session entry/);
    const noProject = await importRoute(importRequest(f.user.auth, "", fixture("session.jsonl")));
    expect(noProject.status).toBe(400);
  });

  it("another user's project or agent is a 404", async () => {
    const f = await chatFixture();
    const other = await chatFixture();
    const response = await importRoute(importRequest(f.user.auth, `projectId=${other.projectId}`, fixture("session.jsonl")));
    expect(response.status).toBe(404);
    const agent = await importRoute(importRequest(f.user.auth, `projectId=${f.projectId}&agentId=${other.agentId}`, fixture("session.jsonl")));
    expect(agent.status).toBe(404);
  });
});
