import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/agents";
import { createProject } from "@/lib/projects/projects";
import { saveProviderSettings } from "@/lib/providers/keys";
import { executeRun } from "@/lib/runs/execute";
import { startRun } from "@/lib/runs/lifecycle";
import { apiAccount, apiRequest } from "@/tests/api";
import { startOpenAiStandIn } from "@/tests/stand-ins/openai-stand-in";
import { startAnthropicStandIn } from "@/tests/stand-ins/anthropic-stand-in";
import type { StandIn } from "@/tests/stand-ins/http-stand-in";
import { GET } from "@/app/api/v1/usage/route";
import { providerKeyFor } from "./providers";

/*
 * Usage by provider end to end: real openai-compatible and anthropic runs against two
 * OpenAI-compatible stand-ins and an Anthropic one on loopback (each its own host:port, as a
 * local vLLM and an Ollama server would be), a script run with no provider, then
 * GET /api/v1/usage?groupBy=provider.
 */

let vllm: StandIn;
let ollama: StandIn;
let anthropic: StandIn;
beforeAll(async () => {
  vllm = await startOpenAiStandIn();
  ollama = await startOpenAiStandIn({ apiKey: null });
  anthropic = await startAnthropicStandIn();
});
afterAll(async () => {
  await Promise.all([vllm.close(), ollama.close(), anthropic.close()]);
});

describe("the provider a run is counted under", () => {
  it("is the provider for its own API, the host of any other base URL, and none for scripts", () => {
    expect(providerKeyFor("openai-compatible", {})).toBe("openai");
    expect(providerKeyFor("codex", { baseUrl: "https://api.openai.com/v1" })).toBe("openai");
    expect(providerKeyFor("openai-compatible", { baseUrl: "http://localhost:11434/v1" })).toBe("localhost:11434");
    expect(providerKeyFor("openai-compatible", { baseUrl: "https://Inference.Example.com/v1/" })).toBe("inference.example.com");
    expect(providerKeyFor("anthropic", {})).toBe("anthropic");
    expect(providerKeyFor("claude-code", {})).toBe("anthropic");
    expect(providerKeyFor("claude-code", { baseUrl: "http://10.0.0.5:4000" })).toBe("10.0.0.5:4000");
    expect(providerKeyFor("gemini", {})).toBe("google");
    expect(providerKeyFor("script", { baseUrl: "http://x" })).toBe("");
  });
});

describe("GET /api/v1/usage?groupBy=provider (loopback stand-ins for two OpenAI-compatible servers and Anthropic)", () => {
  it("shows each base URL's host apart (two OpenAI-compatible servers, an Anthropic one on loopback) and scripts as no provider", async () => {
    const account = await apiAccount("providers@example.com", "PRO");
    const project = await createProject(account.id, { name: "usage by provider" });
    const agent = (name: string, executor: "openai-compatible" | "anthropic" | "script") =>
      createAgent(account.id, {
        name,
        executor,
        model: executor === "anthropic" ? "claude-sonnet-4-5" : "gpt-4o-mini",
        systemPrompt: "",
        icon: "bot",
        type: "development",
        tools: [],
        enableFileRead: true,
        enableFileWrite: false,
        enableNetwork: false,
        defaultTask: executor === "script" ? "echo hi" : null,
        hooks: null,
      });
    const openai = await agent("oa", "openai-compatible");
    const claude = await agent("claude", "anthropic");
    const script = await agent("sh", "script");
    const run = async (agentId: string, task = "Say hello") => {
      const started = await startRun(account.id, { agentId, projectId: project.id, task });
      const outcome = await executeRun(started.id, new AbortController().signal);
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "completed" });
    };

    await saveProviderSettings(account.id, "openai", { baseUrl: `${vllm.url}/v1`, apiKey: "sk-test-stand-in" });
    await run(openai.id);
    await run(openai.id);
    await saveProviderSettings(account.id, "openai", { baseUrl: `${ollama.url}/v1`, apiKey: null });
    await run(openai.id);
    await saveProviderSettings(account.id, "anthropic", { baseUrl: anthropic.url, apiKey: "sk-ant-test-stand-in" });
    await run(claude.id);
    await run(script.id, "echo hello");

    const response = await GET(apiRequest("http://localhost/api/v1/usage?groupBy=provider", account.auth));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { groupBy: string; data: Array<{ key: string | null; name: string | null; runs: number; inputTokens: number }> };
    expect(body.groupBy).toBe("provider");
    const rows = Object.fromEntries(body.data.map((r) => [r.name ?? "(none)", { key: r.key, runs: r.runs }]));
    const host = (s: StandIn) => new URL(s.url).host;
    expect(rows).toEqual({
      [host(vllm)]: { key: host(vllm), runs: 2 },
      [host(ollama)]: { key: host(ollama), runs: 1 },
      [host(anthropic)]: { key: host(anthropic), runs: 1 },
      "(none)": { key: null, runs: 1 },
    });
    // The same as CSV.
    const csv = await (await GET(apiRequest("http://localhost/api/v1/usage?groupBy=provider&format=csv", account.auth))).text();
    expect(csv.split("\r\n")[0]).toBe("provider_key,provider,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs");
    expect(csv).toContain(`${host(ollama)},${host(ollama)},`);
  }, 60_000);
});
