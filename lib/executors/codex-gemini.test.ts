import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { testContext } from "@/tests/stand-ins/context";
import { codexArgs, createCodexExecutor } from "./codex";
import { createGeminiExecutor, geminiArgs } from "./gemini";

const FAKE_CLI = path.resolve(__dirname, "../../tests/stand-ins/fake-cli.mjs");
const RECORDINGS = path.resolve(__dirname, "../../tests/stand-ins/recordings");

let tmp: string;
let argvFile: string;

/** The stand-in CLI runs in the sandbox with an environment of its own: it reads its settings from stand-in.json in its folder. */
function standIn(settings: Record<string, string>) {
  const file = path.join(tmp, "stand-in.json");
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }));
}
const standInSetting = (name: string) => (JSON.parse(fs.readFileSync(path.join(tmp, "stand-in.json"), "utf8")) as Record<string, string>)[name]!;
const readArgv = () => JSON.parse(fs.readFileSync(argvFile, "utf8")) as { argv: string[]; env: Record<string, string> };

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-"));
  argvFile = path.join(tmp, "argv.json");
  standIn({ ARGV_FILE: argvFile });
  process.env.CODEX_BIN = FAKE_CLI;
  process.env.GEMINI_BIN = FAKE_CLI;
  resetConfigForTests();
});

afterEach(() => {
  for (const name of ["CODEX_BIN", "GEMINI_BIN"]) {
    delete process.env[name];
  }
  resetConfigForTests();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("codex executor against a stand-in CLI", () => {
  it("codex parses a recorded exec --json transcript from a stand-in CLI: events in order, thread id, tokens", async () => {
    standIn({ TRANSCRIPT: path.join(RECORDINGS, "codex-exec.jsonl") });
    standIn({ CHUNK_SIZE: "11" });
    const { ctx, events } = testContext({ cwd: tmp, model: "gpt-5-codex", provider: { apiKey: "sk-user" } });
    const result = await createCodexExecutor().run(ctx);

    expect(result).toMatchObject({ exitCode: 0, sessionId: "0199b3c1-6f1e-7d02-9a4e-2f5c8d1e7a10" });
    expect(result.error).toBeUndefined();
    expect(result.usage).toEqual({ model: "gpt-5-codex", inputTokens: 24763 - 24448, outputTokens: 122, cacheReadTokens: 24448, cacheWriteTokens: 0, costUsd: null });
    expect(events.map((e) => `${e.stream}/${e.kind}`)).toEqual([
      "system/init",
      "stdout/thinking",
      "stdout/tool_use",
      "stdout/tool_result",
      "stdout/tool_result",
      "stdout/tool_use",
      "stdout/tool_result",
      "stdout/text",
      "system/result",
    ]);
    expect(events[2]!.text).toBe("$ bash -lc 'cat src/greet.ts'");
    expect(events[3]!.text).toBe("export function greet(name: string) {\n  return `Hello, ${name}`;\n}\n");
    expect(events[4]!.text).toBe("Edited: update src/greet.ts");
    expect(events[7]!.text).toBe("greet() now trims the name before greeting.\nThe test suite passes.");
    expect(readArgv().env).toEqual({ CODEX_API_KEY: "sk-user" });
  });

  it("codex maps sandbox, network, model, resume and system prompt onto its flags", () => {
    const base = { task: "Fix it", model: "o4-mini", resumeSessionId: null };
    const agent = { systemPrompt: "Be brief.", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: true };
    expect(codexArgs({ ...base, agent })).toEqual([
      "exec", "--json", "--skip-git-repo-check", "--sandbox", "workspace-write",
      "-c", "sandbox_workspace_write.network_access=true", "-m", "o4-mini", "Be brief.\n\nFix it",
    ]);
    expect(codexArgs({ ...base, model: null, resumeSessionId: "th_1", agent: { ...agent, systemPrompt: "", enableFileWrite: false } })).toEqual([
      "exec", "--json", "--skip-git-repo-check", "--sandbox", "read-only", "resume", "th_1", "Fix it",
    ]);
  });

  it("codex reports a failed turn and non-JSON output from a stand-in CLI", async () => {
    standIn({ TRANSCRIPT: path.join(tmp, "failed.jsonl") });
    fs.writeFileSync(
      standInSetting("TRANSCRIPT"),
      'plain text line\n{"type":"thread.started","thread_id":"th_x"}\n{"type":"error","message":"Reconnecting... 1/5"}\n{"type":"turn.failed","error":{"message":"stream disconnected before completion"}}\n',
    );
    standIn({ EXIT_CODE: "1" });
    const { ctx, events } = testContext({ cwd: tmp });
    const result = await createCodexExecutor().run(ctx);
    expect(result).toMatchObject({ exitCode: 1, sessionId: "th_x", error: "Codex failed: stream disconnected before completion" });
    expect(events[0]).toEqual({ stream: "stdout", kind: "text", text: "plain text line" });
    expect(events[2]).toMatchObject({ stream: "stderr", level: "warn", text: "Reconnecting... 1/5" });
  });

  it("codex fails with a clear error, without throwing, when the CLI is missing", async () => {
    process.env.CODEX_BIN = "/nonexistent/codex";
    resetConfigForTests();
    const result = await createCodexExecutor().run(testContext({ cwd: tmp }).ctx);
    expect(result).toMatchObject({ exitCode: null, error: "Codex CLI not found at /nonexistent/codex: install it or fix CODEX_BIN" });
  });
});

describe("gemini executor against a stand-in CLI", () => {
  it("gemini parses a recorded stream-json transcript from a stand-in CLI: deltas joined into lines, session id, tokens", async () => {
    standIn({ TRANSCRIPT: path.join(RECORDINGS, "gemini-stream.jsonl") });
    const { ctx, events } = testContext({ cwd: tmp, task: "List the files and sum up README.md" });
    const result = await createGeminiExecutor().run(ctx);

    expect(result).toMatchObject({ exitCode: 0, sessionId: "6f0c2b1e-93a4-4c55-8e1d-0b7f2a9c4d31" });
    expect(result.error).toBeUndefined();
    expect(result.usage).toEqual({ model: "gemini-2.5-pro", inputTokens: 4205, outputTokens: 151, cacheReadTokens: 4096, cacheWriteTokens: 0, costUsd: null });
    expect(events.map((e) => [e.kind, e.text])).toEqual([
      ["init", "Gemini CLI session 6f0c2b1e-93a4-4c55-8e1d-0b7f2a9c4d31 · model gemini-2.5-pro"],
      ["tool_use", "list_directory(.)"],
      ["tool_result", "Listed 3 item(s)."],
      ["tool_use", "read_file(/work/demo/README.md)"],
      ["tool_result", "File not found: /work/demo/README.md"],
      ["text", "There are three files."],
      ["text", "README.md could not be read."],
      ["result", "Done · 5.3 s · 4205 in / 151 out tokens"],
    ]);
    expect(events[4]).toMatchObject({ level: "error", data: { name: "read_file", isError: true } });
    const { argv } = readArgv();
    expect(argv.slice(0, 4)).toEqual(["-p", "List the files and sum up README.md", "--output-format", "stream-json"]);
  });

  it("gemini maps approval mode, allowed tools, model and system prompt onto its flags", () => {
    expect(
      geminiArgs({
        task: "-v",
        model: "gemini-2.5-flash",
        resumeSessionId: null,
        agent: { systemPrompt: "", tools: ["run_shell_command(npm test)"], enableFileRead: true, enableFileWrite: true, enableNetwork: true },
      }),
    ).toEqual([
      "-p", " -v", "--output-format", "stream-json", "-m", "gemini-2.5-flash",
      "--approval-mode", "auto_edit", "--allowed-tools", "web_fetch,run_shell_command(npm test)",
    ]);
    expect(
      geminiArgs({
        task: "Look",
        model: null,
        resumeSessionId: "s1",
        agent: { systemPrompt: "Read only.", tools: [], enableFileRead: true, enableFileWrite: false, enableNetwork: false },
      }),
    ).toEqual(["-p", "Read only.\n\nLook", "--output-format", "stream-json", "--approval-mode", "default", "--resume", "s1"]);
  });

  it("gemini keeps plain-text output of an older stand-in CLI as text lines", async () => {
    standIn({ TRANSCRIPT: path.join(tmp, "plain.txt") });
    fs.writeFileSync(standInSetting("TRANSCRIPT"), "Hello.\r\nNo JSON here");
    const { ctx, events } = testContext({ cwd: tmp });
    const result = await createGeminiExecutor().run(ctx);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(events).toEqual([
      { stream: "stdout", kind: "text", text: "Hello." },
      { stream: "stdout", kind: "text", text: "No JSON here" },
    ]);
  });

  it("gemini fails with a clear error, without throwing, when the CLI is missing", async () => {
    process.env.GEMINI_BIN = "/nonexistent/gemini";
    resetConfigForTests();
    const result = await createGeminiExecutor().run(testContext({ cwd: tmp }).ctx);
    expect(result).toMatchObject({ exitCode: null, error: "Gemini CLI not found at /nonexistent/gemini: install it or fix GEMINI_BIN" });
  });
});
