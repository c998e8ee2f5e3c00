import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as list, POST as create } from "./route";
import { DELETE as remove, GET as getOne, PATCH as patch } from "./[id]/route";
import { GET as exportOne } from "./[id]/export/route";
import { POST as importFile } from "./import/route";
import { apiAccount, apiRequest, idParams } from "@/tests/api";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/agents";
const FIXTURES = path.resolve(__dirname, "../../../../tests/fixtures/opcode-agents");

let alice: { id: string; auth: string };
let bob: { id: string; auth: string };


beforeAll(async () => {
  alice = await apiAccount("api-agents-alice@example.com");
  bob = await apiAccount("api-agents-bob@example.com");
});

describe("POST /api/v1/agents", () => {
  it("creates an agent (201) with defaults for what was left out", async () => {
    const response = await create(apiRequest(BASE, alice.auth, "POST", { name: "Helper", executor: "script", tools: ["Bash"] }));
    expect(response.status).toBe(201);
    const agent = await response.json();
    expect(agent).toMatchObject({ name: "Helper", icon: "bot", model: "sonnet", executor: "script", type: "development", tools: ["Bash"], hooks: null });
    expect(Object.keys(agent).sort()).toEqual(
      ["createdAt", "defaultTask", "enableFileRead", "enableFileWrite", "enableNetwork", "executor", "hooks", "icon", "id", "mcpServerIds", "model", "name", "systemPrompt", "tools", "type", "updatedAt"].sort(),
    );
  });

  it("answers 400 with fields for a bad body", async () => {
    const response = await create(
      apiRequest(BASE, alice.auth, "POST", { name: "", executor: "telnet", type: "chaos", tools: "Read", enableNetwork: "yes", hooks: [1] }),
    );
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fields).sort()).toEqual(["enableNetwork", "executor", "hooks", "name", "tools", "type"]);
  });

  it("answers 409 for a name the caller already uses", async () => {
    await create(apiRequest(BASE, alice.auth, "POST", { name: "Dup" }));
    const response = await create(apiRequest(BASE, alice.auth, "POST", { name: "Dup" }));
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({ code: "conflict", fields: { name: expect.stringContaining("Dup") } });
  });

  it("answers 403 over the FREE plan's limit, for creates and imports alike", async () => {
    const carol = await apiAccount("api-agents-carol@example.com", "FREE");
    for (const name of ["1", "2", "3"]) expect((await create(apiRequest(BASE, carol.auth, "POST", { name }))).status).toBe(201);
    const response = await create(apiRequest(BASE, carol.auth, "POST", { name: "4" }));
    expect(response.status).toBe(403);
    expect((await response.json()).error).toEqual({
      code: "forbidden",
      message: "Your FREE plan allows 3 agents. Upgrade to PRO at /billing for unlimited agents.",
    });
    const file = JSON.parse(fs.readFileSync(path.join(FIXTURES, "changelog-writer.opcode.json"), "utf8"));
    const imported = await importFile(apiRequest(`${BASE}/import`, carol.auth, "POST", file));
    expect(imported.status).toBe(403);
  });
});

describe("GET /api/v1/agents", () => {
  it("pages through the caller's agents only", async () => {
    const dave = await apiAccount("api-agents-dave@example.com");
    for (const name of ["a1", "a2", "a3"]) await create(apiRequest(BASE, dave.auth, "POST", { name }));
    const page1 = await (await list(apiRequest(`${BASE}?limit=2`, dave.auth))).json();
    expect(page1.data.map((a: { name: string }) => a.name)).toEqual(["a3", "a2"]);
    const page2 = await (await list(apiRequest(`${BASE}?limit=2&cursor=${page1.nextCursor}`, dave.auth))).json();
    expect(page2).toEqual({ data: [expect.objectContaining({ name: "a1" })], nextCursor: null });
    expect(await (await list(apiRequest(BASE, bob.auth))).json()).toEqual({ data: [], nextCursor: null });
  });
});

describe("/api/v1/agents/:id", () => {
  it("gets, patches and deletes the caller's own agent", async () => {
    const agent = await (await create(apiRequest(BASE, alice.auth, "POST", { name: "Editable" }))).json();
    const url = `${BASE}/${agent.id}`;
    expect(await (await getOne(apiRequest(url, alice.auth), idParams(agent.id))).json()).toEqual(agent);
    const patched = await patch(apiRequest(url, alice.auth, "PATCH", { model: "opus", hooks: { Stop: [] }, enableNetwork: true }), idParams(agent.id));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Editable", model: "opus", hooks: { Stop: [] }, enableNetwork: true });
    expect((await remove(apiRequest(url, alice.auth, "DELETE"), idParams(agent.id))).status).toBe(204);
    expect((await getOne(apiRequest(url, alice.auth), idParams(agent.id))).status).toBe(404);
  });

  it("answers 400 with fields for a bad patch", async () => {
    const agent = await (await create(apiRequest(BASE, alice.auth, "POST", { name: "Strict" }))).json();
    const response = await patch(apiRequest(`${BASE}/${agent.id}`, alice.auth, "PATCH", { model: "", type: "x" }), idParams(agent.id));
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).error.fields).sort()).toEqual(["model", "type"]);
  });

  it("answers 404 for another user's agent, export included", async () => {
    const agent = await (await create(apiRequest(BASE, alice.auth, "POST", { name: "Alice's own" }))).json();
    const url = `${BASE}/${agent.id}`;
    for (const response of [
      await getOne(apiRequest(url, bob.auth), idParams(agent.id)),
      await patch(apiRequest(url, bob.auth, "PATCH", { name: "Bob's" }), idParams(agent.id)),
      await remove(apiRequest(url, bob.auth, "DELETE"), idParams(agent.id)),
      await exportOne(apiRequest(`${url}/export`, bob.auth), idParams(agent.id)),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    expect((await getOne(apiRequest(url, alice.auth), idParams(agent.id))).status).toBe(200);
  });
});

describe("export and import", () => {
  it("exports a download that imports back with the same fields", async () => {
    const agent = await (
      await create(
        apiRequest(BASE, alice.auth, "POST", {
          name: "Round Trip",
          icon: "rocket",
          systemPrompt: "Ship it.",
          defaultTask: "Release.",
          model: "opus",
          enableFileWrite: false,
          enableNetwork: true,
          hooks: { Stop: [{ hooks: [{ type: "command", command: "true" }] }] },
        }),
      )
    ).json();
    const response = await exportOne(apiRequest(`${BASE}/${agent.id}/export`, alice.auth), idParams(agent.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="round-trip.agent.json"; filename*=UTF-8''Round%20Trip.agent.json`,
    );
    const file = await response.json();
    expect(file).toMatchObject({ version: 1, agent: { name: "Round Trip", systemPrompt: "Ship it.", enableFileWrite: false } });

    const imported = await importFile(apiRequest(`${BASE}/import`, bob.auth, "POST", file));
    expect(imported.status).toBe(201);
    const { data } = await imported.json();
    expect(data).toHaveLength(1);
    const { id: _a, createdAt: _b, updatedAt: _c, ...copy } = data[0];
    const { id: _d, createdAt: _e, updatedAt: _f, ...original } = agent;
    expect(copy).toEqual(original);
  });

  it("imports every opcode fixture as one array", async () => {
    const erin = await apiAccount("api-agents-erin@example.com");
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
    const body = files.map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8")));
    const response = await importFile(apiRequest(`${BASE}/import`, erin.auth, "POST", body));
    expect(response.status).toBe(201);
    expect((await response.json()).data.map((a: { name: string }) => a.name)).toEqual(body.map((b) => b.agent.name));
  });

  it("answers 400 naming the bad item, and imports nothing", async () => {
    const frank = await apiAccount("api-agents-frank@example.com");
    const good = JSON.parse(fs.readFileSync(path.join(FIXTURES, "flaky-test-hunter.opcode.json"), "utf8"));
    const response = await importFile(apiRequest(`${BASE}/import`, frank.auth, "POST", [good, { ...good, version: 2 }]));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe(
      "Nothing was imported. Agent 2 of 2 (“Flaky Test Hunter”): version 2 is not supported; only version 1 agent exports can be imported.",
    );
    expect(await (await list(apiRequest(BASE, frank.auth))).json()).toEqual({ data: [], nextCursor: null });
    expect((await importFile(apiRequest(`${BASE}/import`, frank.auth, "POST", "not json"))).status).toBe(400);
  });
});
