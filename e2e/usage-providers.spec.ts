import { expect, test, type Page } from "@playwright/test";
import { startOpenAiStandIn } from "../tests/stand-ins/openai-stand-in";
import type { StandIn } from "../tests/stand-ins/http-stand-in";
import { newAccount, signUp } from "./support/accounts";
import { ok, waitFor } from "./support/pipeline";
import { sessionApi } from "./support/session-api";
import { ADMIN_STATE } from "./support/env";

/*
 * Spend by provider on /usage: openai-compatible runs against two stand-ins of OpenAI's
 * streaming chat completions on loopback (as a local vLLM and an Ollama server would be,
 * each its own host:port), switched between on /settings/providers, then the "By provider"
 * table and GET /api/v1/usage?groupBy=provider.
 */

let vllm: StandIn;
let ollama: StandIn;
test.beforeAll(async () => {
  vllm = await startOpenAiStandIn();
  ollama = await startOpenAiStandIn({ apiKey: null });
});
test.afterAll(async () => {
  await Promise.all([vllm?.close(), ollama?.close()]);
});

async function useOpenAiServer(page: Page, baseUrl: string, apiKey: string) {
  await page.goto("/settings/providers");
  const section = page.getByRole("region", { name: "OpenAI-compatible" });
  await section.getByLabel("Base URL").fill(baseUrl);
  if (apiKey) await section.getByLabel("API key").fill(apiKey);
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("status")).toHaveText("OpenAI-compatible settings saved.");
}

test("usage by provider keeps two OpenAI-compatible hosts apart, on /usage, over the API and on /admin/usage", async ({ page, browser }) => {
  await signUp(page, newAccount("usage-providers"));
  const api = sessionApi(page);
  const project = await ok<{ id: string }>(await api.post("/api/v1/projects", { data: { name: "Providers" } }), 201);
  const agent = await ok<{ id: string }>(
    await api.post("/api/v1/agents", { data: { name: "Local model", type: "development", executor: "openai-compatible", model: "qwen3-coder" } }),
    201,
  );
  const run = async () => {
    const started = await ok<{ id: string }>(await api.post("/api/v1/runs", { data: { agentId: agent.id, projectId: project.id, task: "Say hello" } }), 201);
    await waitFor<{ status: string }>(api, `/api/v1/runs/${started.id}`, (r) => r.status === "completed");
  };

  await useOpenAiServer(page, `${vllm.url}/v1`, "sk-test-stand-in");
  await run();
  await run();
  await useOpenAiServer(page, `${ollama.url}/v1`, "");
  await run();

  const vllmHost = new URL(vllm.url).host;
  const ollamaHost = new URL(ollama.url).host;
  const report = await ok<{ data: Array<{ key: string; name: string; runs: number }> }>(await api.get("/api/v1/usage?groupBy=provider"));
  expect(report.data.map((r) => ({ key: r.key, name: r.name, runs: r.runs }))).toEqual([
    { key: vllmHost, name: vllmHost, runs: 2 },
    { key: ollamaHost, name: ollamaHost, runs: 1 },
  ]);

  await page.goto("/usage");
  const byProvider = page.getByRole("region", { name: "By provider" });
  await expect(byProvider.getByRole("row").filter({ hasText: vllmHost })).toHaveCount(1);
  await expect(byProvider.getByRole("row").filter({ hasText: ollamaHost })).toHaveCount(1);

  // The admin sees them apart across every user too, and can export them.
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminContext.newPage();
  await admin.goto("/admin/usage");
  const allProviders = admin.getByRole("region", { name: "By provider" });
  await expect(allProviders.getByRole("row").filter({ hasText: vllmHost })).toHaveCount(1);
  await expect(allProviders.getByRole("row").filter({ hasText: ollamaHost })).toHaveCount(1);
  const csv = await (await admin.request.get("/admin/usage/export?groupBy=provider")).text();
  expect(csv.split("\r\n")[0]).toBe("provider_key,provider,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,runs");
  expect(csv).toContain(`${ollamaHost},${ollamaHost},`);
  await adminContext.close();
});
