import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { testContext } from "@/tests/stand-ins/context";
import { claudeCodeArgs, createClaudeCodeExecutor } from "./claude-code";
import { ClaudeStreamParser } from "./parsers/claude-stream-json";

const FAKE_CLAUDE = path.resolve(__dirname, "../../tests/stand-ins/fake-claude.mjs");
const RECORDINGS = path.resolve(__dirname, "../../tests/stand-ins/recordings");
const SESSION = path.join(RECORDINGS, "claude-session.json");
const SESSION_ID = "7b1e2c9a-4f0d-4c1e-9a55-switchboard01";

let tmp: string;
let argvFile: string;

/** The stand-in CLI runs in the sandbox with an environment of its own: it reads its settings from stand-in.json in its folder. */
function standIn(settings: Record<string, string>) {
  const file = path.join(tmp, "stand-in.json");
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }));
}
const standInSetting = (name: string) => (JSON.parse(fs.readFileSync(path.join(tmp, "stand-in.json"), "utf8")) as Record<string, string>)[name]!;
const readArgv = () => JSON.parse(fs.readFileSync(argvFile, "utf8")) as { argv: string[]; cwd: string; env: Record<string, string> };

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sb-claude-"));
  argvFile = path.join(tmp, "argv.json");
  process.env.CLAUDE_CODE_BIN = FAKE_CLAUDE;
  standIn({ ARGV_FILE: argvFile });
  resetConfigForTests();
});

afterEach(() => {
  for (const name of ["CLAUDE_CODE_BIN", "ANTHROPIC_API_KEY"]) {
    delete process.env[name];
  }
  resetConfigForTests();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("claude-code executor against a stand-in CLI", () => {
  it("claude-code parses a recorded session from a stand-in CLI in the sandbox: events in order, session id, tokens and cost", async () => {
    const { ctx, events, pids } = testContext({ cwd: tmp, task: "Greet empty names too" });
    const result = await createClaudeCodeExecutor().run(ctx);

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.sessionId).toBe(SESSION_ID);
    expect(pids).toHaveLength(1);
    // The session's result has total_cost_usd but no usage: tokens are summed from the assistant messages.
    expect(result.usage).toEqual({
      model: "claude-sonnet-test",
      inputTokens: 120 + 210 + 160 + 190,
      outputTokens: 30 + 55 + 45 + 40,
      cacheReadTokens: 40 + 80 + 60 + 70,
      cacheWriteTokens: 0,
      costUsd: 0.0213,
    });

    expect(events.map((e) => `${e.stream}/${e.kind}`)).toEqual([
      "system/init",
      "stdout/text",
      "stdout/tool_use",
      "stdout/tool_result",
      "stdout/text",
      "stdout/tool_use",
      "stdout/tool_result",
      "stdout/text",
      "stdout/tool_use",
      "stdout/tool_result",
      "stdout/text",
      "system/result",
    ]);
    expect(events[0]!.text).toBe(`Claude Code session ${SESSION_ID} · model claude-sonnet-test · 7 tools · MCP: tracker (connected)`);
    expect(events[1]!.text).toBe("Let me look at the greeting module first.");
    expect(events[2]).toMatchObject({
      text: "Read(/work/greeter/src/greet.js)",
      data: { id: "toolu_sb_1", name: "Read", input: { file_path: "/work/greeter/src/greet.js" } },
    });
    expect(events[3]).toMatchObject({ kind: "tool_result", data: { toolUseId: "toolu_sb_1", name: "Read", isError: false } });
    expect(events[3]!.text).toContain("return 'Hello, ' + name;");
    expect(events[8]).toMatchObject({
      data: { name: "mcp__tracker__comment", input: { issue: 42, project: "greeter" } },
    });
    expect(events[8]!.text).toMatch(/^mcp__tracker__comment\(/);
    expect(events[10]!.text).toContain('1. ✅ greet() falls back to "stranger" for empty names\n2. ✅');
    expect(events[11]).toMatchObject({ kind: "result", level: "info", data: { costUsd: 0.0213, durationMs: 9400 } });
    expect(events[11]!.text).toBe("Done · 9.4 s · 4 turns · $0.0213 · 680 in / 170 out tokens");
  });

  it("claude-code passes the task, model, system prompt, resume id and permission flags to the stand-in CLI", async () => {
    const { ctx } = testContext({
      cwd: tmp,
      task: "Fix the bug",
      model: "opus",
      resumeSessionId: "prev-session",
      agent: {
        systemPrompt: "You are careful.",
        tools: ["Bash(npm test:*)", "Write", "Read"],
        enableFileRead: true,
        enableFileWrite: false,
        enableNetwork: false,
      },
    });
    await createClaudeCodeExecutor().run(ctx);
    const { argv, cwd } = readArgv();
    expect(fs.realpathSync(cwd)).toBe(fs.realpathSync(tmp));
    expect(argv).toEqual([
      "-p",
      "Fix the bug",
      "--output-format",
      "stream-json",
      "--verbose",
      "--model",
      "opus",
      "--append-system-prompt",
      "You are careful.",
      "--resume",
      "prev-session",
      "--permission-mode",
      "default",
      // Write is dropped from the allow list: file writes are off, and deny wins.
      "--allowedTools",
      "Bash(npm test:*)",
      "Read",
      "--disallowedTools",
      "Edit",
      "MultiEdit",
      "Write",
      "NotebookEdit",
      "WebFetch",
      "WebSearch",
    ]);
  });

  it("claude-code maps write and network permissions on, and file reading off", () => {
    const args = claudeCodeArgs({
      task: "--dangerously-skip-permissions",
      model: null,
      resumeSessionId: null,
      agent: { systemPrompt: "  ", tools: [], enableFileRead: false, enableFileWrite: true, enableNetwork: true },
    });
    expect(args).toEqual([
      "-p",
      " --dangerously-skip-permissions", // a task is never read as a flag
      "--output-format",
      "stream-json",
      "--verbose",
      "--permission-mode",
      "acceptEdits",
      "--allowedTools",
      "WebFetch",
      "WebSearch",
      "--disallowedTools",
      "Read",
      "Glob",
      "Grep",
      "LS",
      "NotebookRead",
    ]);
  });

  it("claude-code takes tokens from the result's usage, keeps malformed lines, and splits chunked output from a stand-in CLI", async () => {
    standIn({ TRANSCRIPT: path.join(RECORDINGS, "claude-result-usage.jsonl") });
    standIn({ CHUNK_SIZE: "13" });
    const { ctx, events } = testContext({ cwd: tmp });
    const result = await createClaudeCodeExecutor().run(ctx);

    expect(result.error).toBeUndefined();
    expect(result.sessionId).toBe("3b1f6a0e-5c2d-4e8f-9a71-0d2c4b6e8f13");
    expect(result.usage).toEqual({
      model: "claude-sonnet-4-5-20250929",
      inputTokens: 10,
      outputTokens: 40,
      cacheReadTokens: 26720,
      cacheWriteTokens: 3330,
      costUsd: 0.01234,
    });
    expect(events.map((e) => `${e.stream}/${e.kind}`)).toEqual([
      "system/init",
      "stdout/thinking",
      "stdout/tool_use",
      "stderr/text",
      "stdout/tool_result",
      "stdout/text",
      "system/result",
    ]);
    expect(events[2]!.text).toBe("Bash(npm test)");
    expect(events[3]).toMatchObject({ text: "this line is not JSON: a warning the CLI printed on stdout", data: { unparsed: true } });
    expect(events[4]).toMatchObject({ level: "error", text: "npm ERR! missing script: test", data: { name: "Bash", isError: true } });
    expect(events[5]!.text).toBe("There is no test script yet — 테스트 스크립트가 없습니다.");
  });

  it("claude-code reports a failed result from a stand-in CLI as the run's error", async () => {
    standIn({ TRANSCRIPT: path.join(RECORDINGS, "claude-error-result.jsonl") });
    standIn({ EXIT_CODE: "1" });
    const { ctx, events } = testContext({ cwd: tmp });
    const result = await createClaudeCodeExecutor().run(ctx);
    expect(result).toMatchObject({ exitCode: 1, sessionId: "9d0e7c44-1a2b-4c3d-8e9f-0a1b2c3d4e5f" });
    expect(result.error).toBe("Claude Code stopped: it reached the maximum number of turns");
    expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 5, costUsd: 0.002 });
    expect(events.at(-1)).toMatchObject({ kind: "result", level: "error" });
  });

  it("claude-code explains a non-zero exit of the stand-in CLI with its last stderr line", async () => {
    standIn({ TRANSCRIPT: path.join(tmp, "empty.jsonl") });
    fs.writeFileSync(standInSetting("TRANSCRIPT"), "");
    standIn({ STDERR: "Invalid API key · Please run /login" });
    standIn({ EXIT_CODE: "1" });
    const { ctx, events } = testContext({ cwd: tmp });
    const result = await createClaudeCodeExecutor().run(ctx);
    expect(result).toMatchObject({ exitCode: 1, error: "Claude Code exited with code 1: Invalid API key · Please run /login" });
    expect(events).toEqual([{ stream: "stderr", kind: "text", text: "Invalid API key · Please run /login" }]);
  });

  it("claude-code hands the user's own key to the stand-in CLI and keeps the server's secrets out", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-server";
    process.env.STRIPE_SECRET_KEY = "sk_live_server";
    resetConfigForTests();
    try {
      const { ctx } = testContext({ cwd: tmp, provider: { apiKey: "sk-ant-user" } });
      await createClaudeCodeExecutor().run(ctx);
      expect(readArgv().env).toEqual({ ANTHROPIC_API_KEY: "sk-ant-user" });

      // Without a key of their own, the server's reaches the CLI only where the admin shares it.
      await createClaudeCodeExecutor().run(testContext({ cwd: tmp }).ctx);
      expect(readArgv().env).toEqual({});
      await createClaudeCodeExecutor().run(testContext({ cwd: tmp, shareServerKeys: true }).ctx);
      expect(readArgv().env).toEqual({ ANTHROPIC_API_KEY: "sk-ant-server" });
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
    }
  });

  it("claude-code fails with a clear error, without throwing, when the CLI is missing", async () => {
    process.env.CLAUDE_CODE_BIN = path.join(tmp, "no-such-claude");
    resetConfigForTests();
    const { ctx } = testContext({ cwd: tmp });
    const result = await createClaudeCodeExecutor().run(ctx);
    expect(result).toMatchObject({
      exitCode: null,
      error: `Claude Code CLI not found at ${path.join(tmp, "no-such-claude")}: install it or fix CLAUDE_CODE_BIN`,
    });

    // With no CLAUDE_CODE_BIN the CLI is looked up on PATH (here: an empty directory).
    delete process.env.CLAUDE_CODE_BIN;
    resetConfigForTests();
    const savedPath = process.env.PATH;
    process.env.PATH = tmp;
    try {
      const onPath = await createClaudeCodeExecutor().run(testContext({ cwd: tmp }).ctx);
      expect(onPath).toMatchObject({
        exitCode: null,
        error: "Claude Code CLI not found: install it (npm install -g @anthropic-ai/claude-code) or set CLAUDE_CODE_BIN",
      });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe("ClaudeStreamParser", () => {
  it("shows how the agent's hooks ended: a failing hook is an error line with what it printed", () => {
    const parser = new ClaudeStreamParser();
    const failed = parser.parseLine(
      JSON.stringify({ type: "system", subtype: "hook_response", hook_name: "PreToolUse:Bash", hook_event: "PreToolUse", exit_code: 1, outcome: "error", stdout: "", stderr: "guard.sh: jq: command not found\n" }),
    );
    expect(failed).toEqual([
      { stream: "system", kind: "hook", level: "error", text: "Hook PreToolUse:Bash failed (exit code 1): guard.sh: jq: command not found", data: { hook: "PreToolUse:Bash", exitCode: 1, failed: true } },
    ]);
    const ok = parser.parseLine(JSON.stringify({ type: "system", subtype: "hook_response", hook_name: "Stop", exit_code: 0, stdout: "", stderr: "" }));
    expect(ok[0]).toMatchObject({ level: "info", text: "Hook Stop ran" });
  });

  it("turns every line of a recorded session into events and never throws on junk", () => {
    const parser = new ClaudeStreamParser();
    const messages = JSON.parse(fs.readFileSync(SESSION, "utf8")) as unknown[];
    const events = messages.flatMap((m) => parser.parseLine(JSON.stringify(m)));
    expect(events).toHaveLength(12);
    for (const junk of ["", "{", "null", "42", '"text"', '{"type":"mystery"}', "[1,2]", '{"type":"assistant","message":null}']) {
      expect(() => parser.parseLine(junk)).not.toThrow();
    }
    expect(parser.summary().sawResult).toBe(true);
  });
});
