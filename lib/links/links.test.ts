import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { agentRuns, usageRecords } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { createAgent } from "@/lib/agents/agents";
import { getProject, listProjects, updateProject } from "@/lib/projects/projects";
import { saveProviderSettings } from "@/lib/providers/keys";
import { waitFor } from "@/lib/queue/test-helpers";
import { startWorker, type Worker } from "@/lib/queue/worker";
import { getRunForUser } from "@/lib/runs/runs";
import { runOutputText } from "@/lib/runs/turns";
import { jobHandlers } from "@/lib/server/job-handlers";
import { planUsage } from "@/lib/billing/usage";
import { updateMeSettings } from "@/lib/users/settings";
import { usageSummary } from "@/lib/usage/usage";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { startOpenAiStandIn } from "@/tests/stand-ins/openai-stand-in";
import type { StandIn } from "@/tests/stand-ins/http-stand-in";
import * as collection from "@/app/api/v1/links/route";
import * as item from "@/app/api/v1/links/[id]/route";
import * as analyze from "@/app/api/v1/links/[id]/analyze/route";

/*
 * A saved link end to end: POST /api/v1/links, the app's own queue worker fetches a page
 * from a web server on loopback and runs an openai-compatible agent against a loopback
 * stand-in of OpenAI's streaming chat completions, then GET shows what the agent said.
 */

const BASE = "http://localhost/api/v1/links";
const ANSWER = ["Here is what I found.", "```json", '{"mainTopic": "The Rust 2026 edition", "reasonsToCare": ["Async closures land", "Migration is automatic"]}', "```"].join("\n");
const PAGE = `<html><head><title>Rust 2026 edition</title></head><body><main><h1>Rust 2026</h1><p>Async closures are stable.</p></main></body></html>`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
type Body = Record<string, any>;
async function call(handler: (r: Request, c: ReturnType<typeof idParams>) => Promise<Response>, url: string, auth: string, method = "GET", body?: unknown, id = "") {
  const response = await handler(apiRequest(url, auth, method, body), idParams(id));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Body) : null };
}

let web: http.Server;
let pageUrl = "";
let model: StandIn;
let chatty: StandIn;
let worker: Worker;

beforeAll(async () => {
  web = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/rust-2026`;
  model = await startOpenAiStandIn({ reply: ANSWER });
  chatty = await startOpenAiStandIn({ reply: "I think this page is about Rust, and you should read it." });
  worker = startWorker({ handlers: jobHandlers, pollMs: 50, keepAlive: false });
});
afterAll(async () => {
  await worker.stop({ drainMs: 100, abortGraceMs: 500 });
  await model.close();
  await chatty.close();
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
});
afterEach(() => {
  delete process.env.LINKS_ALLOW_PRIVATE;
  resetConfigForTests();
});

function allowPrivate() {
  process.env.LINKS_ALLOW_PRIVATE = "1";
  resetConfigForTests();
}

/** A user whose default agent is an openai-compatible one talking to `standIn` (their own base URL and key). */
async function owner(email: string, standIn: StandIn) {
  const account = await apiAccount(email, "FREE");
  await saveProviderSettings(account.id, "openai", { baseUrl: `${standIn.url}/v1`, apiKey: "sk-test-stand-in" });
  const agent = await createAgent(account.id, {
    name: "reader",
    executor: "openai-compatible",
    model: "gpt-4o-mini",
    systemPrompt: "You read pages for people.",
    icon: "bot",
    type: "support",
    tools: [],
    enableFileRead: true,
    enableFileWrite: true,
    enableNetwork: false,
    defaultTask: null,
    hooks: null,
  });
  await updateMeSettings(account.id, { defaultAgentId: agent.id });
  return { ...account, agent };
}

async function settled(id: string, auth: string) {
  return waitFor(
    async () => {
      const { body } = await call(item.GET, `${BASE}/${id}`, auth, "GET", undefined, id);
      return body && (body.status === "done" || body.status === "failed") ? body : null;
    },
    { timeoutMs: 30_000, what: `link ${id} to finish` },
  );
}

describe("links (a loopback web page, a loopback OpenAI-compatible stand-in)", () => {
  it("saves a link, fetches the page, and keeps the default agent's main topic and reasons; the analysis is a metered run", async () => {
    allowPrivate();
    const alice = await owner("links-alice@example.com", model);
    const created = await call(collection.POST, BASE, alice.auth, "POST", { url: pageUrl });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: pageUrl, domain: "127.0.0.1", status: "pending", mainTopic: null });

    const link = await settled(created.body!.id, alice.auth);
    expect(link).toMatchObject({
      status: "done",
      error: null,
      title: "Rust 2026 edition",
      finalUrl: pageUrl,
      mainTopic: "The Rust 2026 edition",
      reasonsToCare: ["Async closures land", "Migration is automatic"],
      agentId: null,
    });
    expect(link.text).toContain("Async closures are stable.");

    // The analysis is a run of the default agent, shown with its source, given the page's text, read-only.
    const run = await getRunForUser(alice.id, link.runId);
    expect(run).toMatchObject({ status: "completed", source: "link", sourceId: link.id, sourceName: "Rust 2026 edition", agentId: alice.agent.id });
    expect(model.requests.some((r) => JSON.stringify(r.body).includes("Async closures are stable."))).toBe(true);
    expect(await runOutputText(link.runId)).toContain('"mainTopic"');
    // Read-only, although the agent may write: the page's text is not to be trusted.
    expect(alice.agent.enableFileWrite).toBe(true);
    const [input] = await db().select({ input: agentRuns.input }).from(agentRuns).where(eq(agentRuns.id, link.runId));
    expect(input?.input).toMatchObject({ enableFileWrite: false });
    // Metered like any run: tokens recorded, under the stand-in's host as its provider, and counted this month.
    const [usage] = await db().select({ provider: usageRecords.provider, inputTokens: usageRecords.inputTokens }).from(usageRecords).where(eq(usageRecords.runId, link.runId));
    expect(usage).toEqual({ provider: new URL(model.url).host, inputTokens: expect.any(Number) });
    expect((await usageSummary(alice.id, { groupBy: "provider" })).data.map((r) => r.name)).toEqual([new URL(model.url).host]);
    const plan = await planUsage(alice.id);
    expect(plan.usage.runsThisMonth).toBe(1);
    // The folder link analyses run in is the app's: not among the user's projects, not counted against the plan.
    expect((await listProjects(alice.id, { limit: 10 })).data).toEqual([]);
    expect(plan.usage.projects).toBe(0);
    // Nor can it be opened, changed or run in as a project by its id.
    const linksFolder = await getProject(alice.id, run.projectId!).catch((e: unknown) => e);
    expect(linksFolder).toMatchObject({ code: "not_found" });
    const renamed = await updateProject(alice.id, run.projectId!, { name: "Mine now" }).catch((e: unknown) => e);
    expect(renamed).toMatchObject({ code: "not_found" });

    // Filters and search.
    const list = async (query: string) => (await call(collection.GET, `${BASE}?${query}`, alice.auth)).body!.data.map((l: Body) => l.id);
    expect(await list("status=done")).toEqual([link.id]);
    expect(await list("status=failed")).toEqual([]);
    expect(await list("domain=127.0.0.1")).toEqual([link.id]);
    expect(await list("domain=example.com")).toEqual([]);
    expect(await list("q=rust%202026")).toEqual([link.id]);
    expect(await list("q=python")).toEqual([]);

    // Re-analyse: the same page again, a new run.
    const again = await call(analyze.POST, `${BASE}/${link.id}/analyze`, alice.auth, "POST", {}, link.id);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: "pending" });
    const busy = await call(analyze.POST, `${BASE}/${link.id}/analyze`, alice.auth, "POST", {}, link.id);
    expect(busy.status).toBe(409);
    const reanalysed = await settled(link.id, alice.auth);
    expect(reanalysed.status).toBe("done");
    expect(reanalysed.runId).not.toBe(link.runId);

    expect((await call(item.DELETE, `${BASE}/${link.id}`, alice.auth, "DELETE", undefined, link.id)).status).toBe(204);
    expect((await call(item.GET, `${BASE}/${link.id}`, alice.auth, "GET", undefined, link.id)).status).toBe(404);
  }, 60_000);

  it("an answer that is not the JSON asked for fails the link, saying so", async () => {
    allowPrivate();
    const carol = await owner("links-carol@example.com", chatty);
    const created = await call(collection.POST, BASE, carol.auth, "POST", { url: pageUrl });
    const link = await settled(created.body!.id, carol.auth);
    expect(link.status).toBe("failed");
    expect(link.error).toBe('The agent\'s answer is not the JSON asked for ({ "mainTopic": string, "reasonsToCare": string[] }): no JSON object was found in it.');
    expect(link.title).toBe("Rust 2026 edition");
  }, 60_000);

  it("refuses a loopback page without LINKS_ALLOW_PRIVATE: the link fails with the reason, and no run is made", async () => {
    const dave = await owner("links-dave@example.com", model);
    const created = await call(collection.POST, BASE, dave.auth, "POST", { url: pageUrl });
    const link = await settled(created.body!.id, dave.auth);
    expect(link).toMatchObject({ status: "failed", runId: null, title: null });
    expect(link.error).toBe("127.0.0.1 is a loopback, private or link-local address, which this server does not fetch (an admin can allow it with LINKS_ALLOW_PRIVATE=1).");
    expect((await planUsage(dave.id)).usage.runsThisMonth).toBe(0);
  }, 60_000);

  it("refuses what is not an http(s) URL up front, and keeps another user's links invisible (404)", async () => {
    const erin = await owner("links-erin@example.com", model);
    const mallory = await apiAccount("links-mallory@example.com");
    for (const url of ["file:///etc/passwd", "javascript:alert(1)", "not a url", "http://user:pw@example.com/"]) {
      const refused = await call(collection.POST, BASE, erin.auth, "POST", { url });
      expect(refused.status, url).toBe(400);
      expect(refused.body!.error.fields.url, url).toMatch(/can(not|'t) be saved|is not a URL|Only http and https|user name or password/);
    }
    const created = await call(collection.POST, BASE, erin.auth, "POST", { url: "https://example.com/a" });
    const id = created.body!.id as string;
    expect((await call(item.GET, `${BASE}/${id}`, mallory.auth, "GET", undefined, id)).status).toBe(404);
    expect((await call(item.DELETE, `${BASE}/${id}`, mallory.auth, "DELETE", undefined, id)).status).toBe(404);
    expect((await call(analyze.POST, `${BASE}/${id}/analyze`, mallory.auth, "POST", {}, id)).status).toBe(404);
    expect((await call(collection.GET, BASE, mallory.auth)).body!.data).toEqual([]);
    // Nor can a link be pointed at another user's agent.
    expect((await call(collection.POST, BASE, mallory.auth, "POST", { url: "https://example.com/b", agentId: erin.agent.id })).status).toBe(404);
    expect(await db().select().from(usageRecords).where(and(eq(usageRecords.userId, mallory.id)))).toEqual([]);
  });
});
