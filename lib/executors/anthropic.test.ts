import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { testContext } from "@/tests/stand-ins/context";
import type { StandIn } from "@/tests/stand-ins/http-stand-in";
import { startAnthropicStandIn } from "@/tests/stand-ins/anthropic-stand-in";
import { createAnthropicExecutor } from "./anthropic";

const executor = createAnthropicExecutor();
let standIn: StandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  delete process.env.ANTHROPIC_BASE_URL;
  delete process.env.ANTHROPIC_API_KEY;
  resetConfigForTests();
});

describe("anthropic executor against a stand-in server", () => {
  it("anthropic streams a Messages API reply from a stand-in server: text lines, tool use, tokens with cache", async () => {
    standIn = await startAnthropicStandIn();
    process.env.ANTHROPIC_BASE_URL = standIn.url;
    process.env.ANTHROPIC_API_KEY = "sk-ant-test-stand-in";
    resetConfigForTests();
    const { ctx, events } = testContext({ model: "sonnet", task: "Weather in Paris?", agent: { systemPrompt: "Be helpful." } });
    const result = await executor.run(ctx);

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.usage).toEqual({
      model: "claude-sonnet-4-5-20250929",
      inputTokens: 25,
      outputTokens: 42,
      cacheReadTokens: 100,
      cacheWriteTokens: 50,
      costUsd: null,
    });
    expect(events.map((e) => [e.kind, e.text])).toEqual([
      ["init", `Messages API · model claude-sonnet-4-5 · ${new URL(standIn.url).host}`],
      ["text", "Bonjour from the stand-in."],
      ["text", "It checks the weather — ☀️ or 🌧️?"],
      ["text", "Last line without newline"],
      ["tool_use", 'get_weather({"location":"Paris, France","unit":"c"})'],
      ["result", "Done · 25 in / 42 out tokens · 100 cached · 50 written to cache"],
    ]);
    expect(events[4]!.data).toEqual({ id: "toolu_standin01", name: "get_weather", input: { location: "Paris, France", unit: "c" } });

    const [request] = standIn.requests;
    expect(request!.path).toBe("/v1/messages");
    expect(request!.headers["x-api-key"]).toBe("sk-ant-test-stand-in");
    expect(request!.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request!.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 8192,
      stream: true,
      system: "Be helpful.",
      messages: [{ role: "user", content: "Weather in Paris?" }],
    });
  });

  it("anthropic reports HTTP 401 from a stand-in server with the provider's message", async () => {
    standIn = await startAnthropicStandIn();
    const { ctx } = testContext({ model: "claude-haiku-4-5", provider: { baseUrl: standIn.url, apiKey: "sk-ant-wrong" } });
    const result = await executor.run(ctx);
    expect(result).toEqual({
      exitCode: 1,
      error: "Anthropic API returned HTTP 401: invalid x-api-key (authentication_error) (check the API key in /settings/providers or the server's environment)",
    });
  });

  it("anthropic reports an error event in the middle of the stand-in server's stream", async () => {
    standIn = await startAnthropicStandIn({ overloaded: true });
    const { ctx, events } = testContext({ model: "claude-haiku-4-5", provider: { baseUrl: standIn.url, apiKey: "sk-ant-test-stand-in" } });
    const result = await executor.run(ctx);
    expect(result.exitCode).toBe(1);
    expect(result.error).toBe("Anthropic API reported an error: Overloaded (overloaded_error)");
    expect(result.usage).toMatchObject({ inputTokens: 25 });
    expect(events.map((e) => e.kind)).toEqual(["init", "text", "error"]);
    expect(events[1]!.text).toBe("Bonjou"); // the first delta, an unfinished line: kept, not lost
  });

  it("anthropic fails with a clear error when there is no key for Anthropic's API", async () => {
    const result = await executor.run(testContext({ model: "sonnet" }).ctx);
    expect(result).toEqual({ exitCode: 1, error: "No Anthropic API key: add one in /settings/providers (or ask an administrator for a server-wide key)" });
  });
});
