import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET, PATCH } from "./route";
import { POST as createAgent } from "@/app/api/v1/agents/route";
import { POST as startRun } from "@/app/api/v1/runs/route";
import { POST as createProject } from "@/app/api/v1/projects/route";
import { apiAccount, apiRequest, idParams } from "@/tests/api";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/me/settings";
let alice: { id: string; auth: string };
let bob: { id: string; auth: string };

beforeAll(async () => {
  alice = await apiAccount("settings-alice@example.com");
  bob = await apiAccount("settings-bob@example.com");
});

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

describe("GET/PATCH /api/v1/me/settings", () => {
  it("starts from the defaults, and saves any subset", async () => {
    expect(await json(await GET(apiRequest(BASE, alice.auth), idParams("")))).toEqual({
      status: 200,
      body: {
        defaultModel: null,
        defaultAgentId: null,
        autoCheckpoint: true,
        notifications: { runFinished: true, runFailed: true, questionAsked: true, attemptReadyToMerge: true },
        theme: "system",
        language: "en",
      },
    });
    const patched = await json(await PATCH(apiRequest(BASE, alice.auth, "PATCH", { autoCheckpoint: false, notifications: { runFinished: false }, language: "ko" }), idParams("")));
    expect(patched.body).toMatchObject({ autoCheckpoint: false, notifications: { runFinished: false, runFailed: true }, language: "ko" });
    // Bob's are his own.
    expect((await json(await GET(apiRequest(BASE, bob.auth), idParams("")))).body.autoCheckpoint).toBe(true);
  });

  it("refuses bad values and another user's agent with a 400 naming the field", async () => {
    const bad = await json(await PATCH(apiRequest(BASE, alice.auth, "PATCH", { autoCheckpoint: "yes", theme: "neon" }), idParams("")));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["autoCheckpoint", "theme"]);
    const bobsAgent = await json(await createAgent(apiRequest("http://localhost/api/v1/agents", bob.auth, "POST", { name: "Bob's", executor: "script" }), idParams("")));
    const refused = await json(await PATCH(apiRequest(BASE, alice.auth, "PATCH", { defaultAgentId: bobsAgent.body.id }), idParams("")));
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ defaultAgentId: "That agent is not one of yours." });
  });

  it("the default model names a new agent's model, and the default agent runs a task started without agentId", async () => {
    await PATCH(apiRequest(BASE, alice.auth, "PATCH", { defaultModel: "opus" }), idParams(""));
    const agent = await json(await createAgent(apiRequest("http://localhost/api/v1/agents", alice.auth, "POST", { name: "Defaulted", executor: "script" }), idParams("")));
    expect(agent.body.model).toBe("opus");
    const project = await json(await createProject(apiRequest("http://localhost/api/v1/projects", alice.auth, "POST", { name: "defaults" }), idParams("")));

    const without = await json(await startRun(apiRequest("http://localhost/api/v1/runs", alice.auth, "POST", { projectId: project.body.id, task: "echo hi" }), idParams("")));
    expect(without.status).toBe(400);
    expect(without.body.error.fields).toEqual({ agentId: "Choose an agent, or set a default agent in /settings." });

    await PATCH(apiRequest(BASE, alice.auth, "PATCH", { defaultAgentId: agent.body.id }), idParams(""));
    const run = await json(await startRun(apiRequest("http://localhost/api/v1/runs", alice.auth, "POST", { projectId: project.body.id, task: "echo hi" }), idParams("")));
    expect(run.status).toBe(201);
    expect(run.body.agentId).toBe(agent.body.id);
  });
});
