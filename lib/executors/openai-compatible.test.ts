import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { testContext } from "@/tests/stand-ins/context";
import type { StandIn } from "@/tests/stand-ins/http-stand-in";
import { OPENAI_USAGE, startOpenAiStandIn } from "@/tests/stand-ins/openai-stand-in";
import { createOpenAiCompatibleExecutor } from "./openai-compatible";

const executor = createOpenAiCompatibleExecutor();
let standIn: StandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
  resetConfigForTests();
});

describe("openai-compatible executor against a stand-in server", () => {
  it("openai-compatible streams a chat completion from a stand-in server: lines as a person reads them, usage from the final chunk", async () => {
    standIn = await startOpenAiStandIn({ reasoning: "Think first.\nThen answer." });
    const { ctx, events } = testContext({
      model: "gpt-4o-mini",
      task: "Say hello",
      agent: { systemPrompt: "You are terse." },
      provider: { baseUrl: `${standIn.url}/v1`, apiKey: "sk-test-stand-in" },
    });
    const result = await executor.run(ctx);

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.usage).toEqual({
      model: "gpt-4o-mini-2024-07-18",
      inputTokens: OPENAI_USAGE.prompt_tokens - OPENAI_USAGE.prompt_tokens_details.cached_tokens,
      outputTokens: 34,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
      costUsd: null,
    });
    expect(events.map((e) => [e.kind, e.text])).toEqual([
      ["init", `Chat completion · model gpt-4o-mini · ${new URL(standIn.url).host}`],
      ["thinking", "Think first."],
      ["thinking", "Then answer."],
      ["text", "Hello from the stand-in."],
      ["text", "Second line — ünïcødé and 한국어 survive."],
      ["text", ""],
      ["text", "Last line without newline"],
      ["result", "Done · 176 in / 34 out tokens · 1024 cached"],
    ]);

    const [request] = standIn.requests;
    expect(request!.headers.authorization).toBe("Bearer sk-test-stand-in");
    expect(request!.body).toEqual({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Say hello" },
      ],
    });
  });

  it("openai-compatible reports HTTP 401 from a stand-in server with the provider's message", async () => {
    standIn = await startOpenAiStandIn();
    const { ctx } = testContext({ model: "gpt-4o-mini", provider: { baseUrl: `${standIn.url}/v1`, apiKey: "sk-wrong-key-1234" } });
    const result = await executor.run(ctx);
    expect(result.exitCode).toBe(1);
    expect(result.error).toBe(
      "OpenAI-compatible server returned HTTP 401: Incorrect API key provided: sk-***1234. You can find your API key at https://platform.openai.com/account/api-keys. (invalid_request_error) (check the API key in /settings/providers or the server's environment)",
    );
  });

  it("openai-compatible talks to a keyless local stand-in server (like Ollama) without an Authorization header", async () => {
    standIn = await startOpenAiStandIn({ apiKey: null, reply: "ok", finishReason: "length" });
    const { ctx, events } = testContext({ model: "llama3.2", provider: { baseUrl: `${standIn.url}/v1/` } });
    const result = await executor.run(ctx);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(standIn.requests[0]!.headers.authorization).toBeUndefined();
    expect(events.map((e) => e.kind)).toEqual(["init", "text", "warning", "result"]);
  });

  it("openai-compatible uses OPENAI_BASE_URL and OPENAI_API_KEY from the server for a user without own settings (stand-in server)", async () => {
    standIn = await startOpenAiStandIn({ apiKey: "sk-server" });
    process.env.OPENAI_BASE_URL = `${standIn.url}/v1`;
    process.env.OPENAI_API_KEY = "sk-server";
    resetConfigForTests();
    const result = await executor.run(testContext({ model: "gpt-4o-mini" }).ctx);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(standIn.requests[0]!.headers.authorization).toBe("Bearer sk-server");
  });

  it("openai-compatible never sends the server's key to a base URL a user typed in (stand-in server)", async () => {
    standIn = await startOpenAiStandIn({ apiKey: null });
    process.env.OPENAI_API_KEY = "sk-server-secret";
    resetConfigForTests();
    await executor.run(testContext({ model: "llama3.2", provider: { baseUrl: `${standIn.url}/v1` } }).ctx);
    expect(standIn.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("openai-compatible fails with a clear error when OpenAI's own API has no key", async () => {
    const result = await executor.run(testContext({ model: "gpt-4o-mini" }).ctx);
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatch(/^No OpenAI API key: add one in \/settings\/providers/);
  });

  it("openai-compatible fails with a clear error when nothing listens at the base URL", async () => {
    const result = await executor.run(testContext({ model: "m", provider: { baseUrl: "http://127.0.0.1:9/v1" } }).ctx);
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatch(/^Could not reach OpenAI-compatible server at http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions: /);
  });

  it("openai-compatible stops when the run is cancelled mid-stream (stand-in server)", async () => {
    standIn = await startOpenAiStandIn({ reply: "x".repeat(3000) });
    const { ctx, controller, events } = testContext({ model: "m", provider: { baseUrl: `${standIn.url}/v1`, apiKey: "sk-test-stand-in" } });
    setTimeout(() => controller.abort(), 30);
    const result = await executor.run(ctx);
    expect(result).toMatchObject({ exitCode: null, error: "Cancelled." });
    expect(events.some((e) => e.kind === "result")).toBe(false);
  });
});
