import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers } from "@/db/schema";
import { GET as list, POST as create } from "@/app/api/v1/mcp-servers/route";
import { DELETE as remove, GET as getOne, PATCH as patch } from "@/app/api/v1/mcp-servers/[id]/route";
import { POST as check } from "@/app/api/v1/mcp-servers/[id]/check/route";
import { POST as importFile } from "@/app/api/v1/mcp-servers/import/route";
import { GET as exportFile } from "@/app/api/v1/mcp-servers/export/route";
import { POST as createAgent } from "@/app/api/v1/agents/route";
import { PATCH as patchAgent } from "@/app/api/v1/agents/[id]/route";
import { GET as exportAgent } from "@/app/api/v1/agents/[id]/export/route";
import { POST as importAgents } from "@/app/api/v1/agents/import/route";
import { resetConfigForTests } from "@/lib/config";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { startMcpHttpStandIn } from "@/tests/stand-ins/mcp-http-stand-in";
import { checkMcpServer } from "./check";
import { launchServers } from "./launch";
import { mcpStdioStandIn } from "@/tests/stand-ins/mcp-stdio-bundle";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/mcp-servers";
const FIXTURES = path.resolve(__dirname, "../../tests/fixtures/mcp");
const STDIO_STAND_IN = mcpStdioStandIn();
const SECRETS = ["s3cret-env-value", "Bearer hdr-s3cret", "ghp_fixtureSecret000000000000000000000", "desktop-fixture-password-123", "BSA-desktop-fixture-key-456"];

let alice: { id: string; auth: string };
let bob: { id: string; auth: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
type Body = Record<string, any>;
/** Every response body this file has seen, to check no secret ever left the server. */
const bodies: string[] = [];

async function call(handler: (r: Request, c: ReturnType<typeof idParams>) => Promise<Response>, url: string, auth: string, method = "GET", body?: unknown, id = "") {
  const response = await handler(apiRequest(url, auth, method, body), idParams(id));
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, body: text ? (JSON.parse(text) as Body) : null };
}

beforeAll(async () => {
  alice = await apiAccount("mcp-alice@example.com");
  bob = await apiAccount("mcp-bob@example.com");
});

afterAll(() => {
  delete process.env.MCP_ALLOW_PRIVATE;
  resetConfigForTests();
  // Not one secret value in any response of this file (servers, imports, exports, agents, checks).
  const all = bodies.join("\n");
  for (const secret of SECRETS) expect(all).not.toContain(secret);
});

describe("MCP servers API", () => {
  it("creates a stdio server: env values are encrypted at rest and only their names come back", async () => {
    const created = await call(create, BASE, alice.auth, "POST", { name: "tracker", command: "npx", args: ["-y", "tracker-mcp"], env: { TRACKER_TOKEN: "s3cret-env-value" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "tracker", transport: "stdio", command: "npx", args: ["-y", "tracker-mcp"], envNames: ["TRACKER_TOKEN"], url: null, headerNames: [] });
    expect(Object.keys(created.body!)).not.toContain("env");
    const [row] = await db().select({ env: mcpServers.env }).from(mcpServers).where(eq(mcpServers.id, created.body!.id));
    expect(JSON.stringify(row)).not.toContain("s3cret-env-value");
    // The run (and only the run) gets the value back.
    expect((await launchServers(alice.id, [created.body!.id]))[0]!.env).toEqual({ TRACKER_TOKEN: "s3cret-env-value" });

    const fetched = await call(getOne, `${BASE}/${created.body!.id}`, alice.auth, "GET", undefined, created.body!.id);
    expect(fetched.body).toEqual(created.body);
    expect((await call(list, BASE, alice.auth)).body!.data.map((s: { name: string }) => s.name)).toContain("tracker");
  });

  it("PATCH replaces a secret only when given: null keeps the saved value, a dropped name is gone", async () => {
    const { body } = await call(create, BASE, alice.auth, "POST", { name: "remote", transport: "http", url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer hdr-s3cret", "X-Team": "blue" } });
    const id = body!.id as string;
    const patched = await call(patch, `${BASE}/${id}`, alice.auth, "PATCH", { headers: { Authorization: null, "X-Org": "acme" } }, id);
    expect(patched.status).toBe(200);
    expect(patched.body!.headerNames).toEqual(["Authorization", "X-Org"]);
    expect((await launchServers(alice.id, [id]))[0]!.headers).toEqual({ Authorization: "Bearer hdr-s3cret", "X-Org": "acme" });
  });

  it("refuses bad input with a 400 naming the field, and a name in use with a 409", async () => {
    const bad = await call(create, BASE, alice.auth, "POST", { name: "has space", transport: "http", env: { "1BAD": "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.fields).toEqual({
      name: "Use letters, digits, - and _ only (Claude Code names tools after the server).",
      "env.1BAD": "Variable names use letters, digits and _, and do not start with a digit.",
      url: "Enter an http:// or https:// URL.",
    });
    const noUrl = await call(create, BASE, alice.auth, "POST", { name: "nourl", transport: "sse" });
    expect(noUrl.body!.error.fields).toEqual({ url: "Enter an http:// or https:// URL." });
    const dup = await call(create, BASE, alice.auth, "POST", { name: "tracker", command: "x" });
    expect(dup.status).toBe(409);
    expect(dup.body!.error.message).toBe("You already have an MCP server named tracker.");
  });

  it("another user's server is a 404 for every operation, and never listed", async () => {
    const { body } = await call(create, BASE, alice.auth, "POST", { name: "private-one", command: "true" });
    const id = body!.id as string;
    for (const [handler, method, payload] of [
      [getOne, "GET", undefined],
      [patch, "PATCH", { name: "mine-now" }],
      [check, "POST", undefined],
      [remove, "DELETE", undefined],
    ] as const) {
      const response = await call(handler as never, `${BASE}/${id}`, bob.auth, method, payload, id);
      expect(response.status, method).toBe(404);
    }
    expect((await call(list, BASE, bob.auth)).body!.data).toEqual([]);
    // Nor can bob give it to his agent.
    const agent = await call(createAgent, "http://localhost/api/v1/agents", bob.auth, "POST", { name: "Thief", mcpServerIds: [id] });
    expect(agent.status).toBe(400);
    expect(agent.body!.error.fields.mcpServerIds).toContain("is not one of yours");
    expect((await call(getOne, `${BASE}/${id}`, alice.auth, "GET", undefined, id)).status).toBe(200);
  });
});

describe("import and export", () => {
  it("imports a project .mcp.json (stdio, http, sse) and a Claude Desktop config, without echoing a secret", async () => {
    const project = JSON.parse(fs.readFileSync(path.join(FIXTURES, "project.mcp.json"), "utf8"));
    const first = await call(importFile, `${BASE}/import`, bob.auth, "POST", project);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: 3, updated: 0 });
    expect(first.body!.data.map((s: { name: string; transport: string }) => `${s.name}:${s.transport}`)).toEqual(["github:http", "filesystem:stdio", "sentry:sse"]);
    expect(first.body!.data[0].headerNames).toEqual(["Authorization"]);

    const desktop = JSON.parse(fs.readFileSync(path.join(FIXTURES, "claude_desktop_config.json"), "utf8"));
    const second = await call(importFile, `${BASE}/import`, bob.auth, "POST", desktop);
    expect(second.body).toMatchObject({ created: 2, updated: 0 });
    expect(second.body!.data.find((s: { name: string }) => s.name === "postgres").envNames).toEqual(["PGPASSWORD"]);
  });

  it("exports .mcp.json with ${NAME} placeholders; importing the export back keeps every saved secret", async () => {
    const exported = await call(exportFile, `${BASE}/export`, bob.auth);
    expect(exported.status).toBe(200);
    expect(exported.body!.mcpServers.postgres).toEqual({
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-postgres", "postgresql://localhost/mydb"],
      env: { PGPASSWORD: "${PGPASSWORD}" },
    });
    expect(exported.body!.mcpServers.github).toEqual({ type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "${Authorization}" } });
    const again = await call(importFile, `${BASE}/import`, bob.auth, "POST", exported.body);
    expect(again.body).toMatchObject({ created: 0, updated: 5 });
    const byName = Object.fromEntries((await launchServers(bob.id, again.body!.data.map((s: { id: string }) => s.id))).map((s) => [s.name, s]));
    expect(byName.postgres!.env).toEqual({ PGPASSWORD: "desktop-fixture-password-123" });
    expect(byName.github!.headers).toEqual({ Authorization: "Bearer ghp_fixtureSecret000000000000000000000" });
  });

  it("refuses bad files with the reason, importing nothing", async () => {
    const cases: Array<[unknown, string]> = [
      [{ servers: {} }, 'This is not a .mcp.json or Claude Desktop config: it has no "mcpServers" object.'],
      [[1, 2], 'This is not a .mcp.json or Claude Desktop config: it has no "mcpServers" object.'],
      [{ mcpServers: {} }, 'The file\'s "mcpServers" is empty.'],
      [{ mcpServers: { ok: { command: "a" }, broken: { type: "http" } } }, "Server broken, url: Enter an http:// or https:// URL."],
      [{ mcpServers: { "my server": { command: "a" } } }, "Server my server, name: Use letters, digits, - and _ only (Claude Code names tools after the server)."],
      [{ mcpServers: { x: { command: "a", args: "-y pkg" } } }, "Server x, args: Arguments must be a list of text."],
      [{ mcpServers: { x: "npx pkg" } }, "Server x: its entry must be an object."],
    ];
    const carol = await apiAccount("mcp-carol@example.com");
    for (const [file, message] of cases) {
      const response = await call(importFile, `${BASE}/import`, carol.auth, "POST", file);
      expect(response.status).toBe(400);
      expect(response.body!.error.message).toBe(message);
    }
    const notJson = await importFile(apiRequest(`${BASE}/import`, carol.auth, "POST", "{ nope"), idParams(""));
    expect(notJson.status).toBe(400);
    expect((await call(list, BASE, carol.auth)).body!.data).toEqual([]);
  });
});

describe("agents carry their servers", () => {
  it("an agent's mcpServerIds are kept, exported by name without secrets, and imported into another account by name", async () => {
    const servers = (await call(list, BASE, bob.auth)).body!.data as Array<{ id: string; name: string }>;
    const postgres = servers.find((s) => s.name === "postgres")!;
    const github = servers.find((s) => s.name === "github")!;
    const agent = await call(createAgent, "http://localhost/api/v1/agents", bob.auth, "POST", { name: "DB helper", mcpServerIds: [postgres.id, github.id] });
    expect(agent.status).toBe(201);
    expect(agent.body!.mcpServerIds).toEqual([postgres.id, github.id]);
    const dropped = await call(patchAgent, `http://localhost/api/v1/agents/${agent.body!.id}`, bob.auth, "PATCH", { mcpServerIds: [postgres.id] }, agent.body!.id);
    expect(dropped.body!.mcpServerIds).toEqual([postgres.id]);

    const file = await call(exportAgent, `http://localhost/api/v1/agents/${agent.body!.id}/export`, bob.auth, "GET", undefined, agent.body!.id);
    expect(file.body!.agent.mcpServers).toEqual({ postgres: { command: "npx", args: ["-y", "@modelcontextprotocol/server-postgres", "postgresql://localhost/mydb"], env: { PGPASSWORD: "${PGPASSWORD}" } } });

    // Into alice's account: she has no "postgres", so it is created from the definition (no secret); her "tracker" is linked as it is.
    const item = { ...file.body, agent: { ...file.body!.agent, mcpServers: { ...file.body!.agent.mcpServers, tracker: {} } } };
    const imported = await call(importAgents, "http://localhost/api/v1/agents/import", alice.auth, "POST", item);
    expect(imported.status).toBe(201);
    const aliceServers = (await call(list, BASE, alice.auth)).body!.data as Array<{ id: string; name: string; envNames: string[] }>;
    const byName = Object.fromEntries(aliceServers.map((s) => [s.name, s]));
    expect(imported.body!.data[0].mcpServerIds).toEqual([byName.postgres!.id, byName.tracker!.id]);
    expect((await launchServers(alice.id, [byName.postgres!.id]))[0]!.env).toEqual({ PGPASSWORD: "${PGPASSWORD}" });
    expect((await launchServers(alice.id, [byName.tracker!.id]))[0]!.env).toEqual({ TRACKER_TOKEN: "s3cret-env-value" });

    // Deleting a server takes it off the agents that had it.
    await call(remove, `${BASE}/${postgres.id}`, bob.auth, "DELETE", undefined, postgres.id);
    const after = await call(patchAgent, `http://localhost/api/v1/agents/${agent.body!.id}`, bob.auth, "PATCH", { name: "DB helper 2" }, agent.body!.id);
    expect(after.body!.mcpServerIds).toEqual([]);

    // A name neither the account nor the file defines refuses the import, saying which.
    const missing = await call(importAgents, "http://localhost/api/v1/agents/import", alice.auth, "POST", { version: 1, agent: { name: "X", mcpServers: ["nowhere"] } });
    expect(missing.status).toBe(400);
    expect(missing.body!.error.message).toContain("nowhere");
  });
});

describe("Check", () => {
  it("starts a stdio MCP server stand-in (on @modelcontextprotocol/sdk) inside the sandbox and lists its tools (its env reached it)", async () => {
    const { body } = await call(create, BASE, alice.auth, "POST", { name: "stdio-stand-in", command: STDIO_STAND_IN, env: { STAND_IN_TOKEN: "s3cret-env-value" } });
    const result = await call(check, `${BASE}/${body!.id}/check`, alice.auth, "POST", undefined, body!.id);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, serverName: "stand-in-stdio", error: null });
    expect(result.body!.tools.map((t: { name: string }) => t.name)).toEqual(["echo", "whoami"]);
    // Inside the sandbox: its own uid 1000, an empty folder, and the variable set.
    expect(result.body!.tools[1].description).toMatch(/^env set: STAND_IN_TOKEN; cwd \/.*; uid 1000$/);
  });

  it("says why a stdio server failed: it exited (with its last stderr line), never answered, or does not exist", async () => {
    const crash = await call(create, BASE, alice.auth, "POST", { name: "crashes", command: STDIO_STAND_IN, args: ["crash"] });
    const crashed = await checkMcpServer(alice.id, crash.body!.id);
    expect(crashed).toMatchObject({ ok: false, tools: [] });
    expect(crashed.error).toBe("The server exited (code 3) before listing its tools: stand-in: missing configuration, giving up");

    const silent = await call(create, BASE, alice.auth, "POST", { name: "silent", command: STDIO_STAND_IN, args: ["silent"] });
    const started = Date.now();
    const waited = await checkMcpServer(alice.id, silent.body!.id, { timeoutMs: 1_500 });
    expect(waited.error).toBe("The server did not answer within 2 seconds.");
    expect(Date.now() - started).toBeLessThan(8_000);

    // At most two checks at once per user: a third is a 429 while they wait.
    const slow = [checkMcpServer(alice.id, silent.body!.id, { timeoutMs: 1_500 }), checkMcpServer(alice.id, silent.body!.id, { timeoutMs: 1_500 })];
    const third = await call(check, `${BASE}/${silent.body!.id}/check`, alice.auth, "POST", undefined, silent.body!.id);
    expect(third.status).toBe(429);
    expect(third.body!.error.message).toBe("You already have 2 checks running. Wait for one to finish.");
    await Promise.all(slow);

    const missing = await call(create, BASE, alice.auth, "POST", { name: "missing", command: "no-such-mcp-server" });
    expect((await checkMcpServer(alice.id, missing.body!.id)).error).toBe("The command no-such-mcp-server was not found in the sandbox.");
  });

  it("calls an http MCP stand-in (on @modelcontextprotocol/sdk) on loopback (JSON and SSE-framed answers) with the saved headers; a 401 is explained", async () => {
    process.env.MCP_ALLOW_PRIVATE = "1";
    resetConfigForTests();
    const standIn = await startMcpHttpStandIn({ requiredAuth: "Bearer hdr-s3cret" });
    const sseFramed = await startMcpHttpStandIn({ sseAnswers: true });
    try {
      const good = await call(create, BASE, alice.auth, "POST", { name: "http-ok", transport: "http", url: `${standIn.url}/mcp`, headers: { Authorization: "Bearer hdr-s3cret" } });
      const result = await call(check, `${BASE}/${good.body!.id}/check`, alice.auth, "POST", undefined, good.body!.id);
      expect(result.body).toMatchObject({ ok: true, serverName: "stand-in-http", tools: [{ name: "search_issues", description: "Finds issues" }, { name: "create_issue", description: "Files an issue" }] });
      expect(standIn.seen.map((r) => (r.body as { method?: string }).method)).toEqual(["initialize", "notifications/initialized", "tools/list"]);
      expect(standIn.seen[2]!.headers["mcp-session-id"]).toBe("sess-1");

      const framed = await call(create, BASE, alice.auth, "POST", { name: "http-sse-framed", transport: "http", url: `${sseFramed.url}/mcp` });
      expect((await checkMcpServer(alice.id, framed.body!.id)).tools).toHaveLength(2);

      const sse = await call(create, BASE, alice.auth, "POST", { name: "old-sse", transport: "sse", url: `${sseFramed.url}/sse` });
      expect(await checkMcpServer(alice.id, sse.body!.id)).toMatchObject({ ok: true, serverName: "stand-in-http" });

      const wrongKey = await call(create, BASE, alice.auth, "POST", { name: "http-401", transport: "http", url: `${standIn.url}/mcp`, headers: { Authorization: "Bearer wrong" } });
      expect((await checkMcpServer(alice.id, wrongKey.body!.id)).error).toBe('The server answered initialize with HTTP 401: {"error":"unauthorized"}');
    } finally {
      await standIn.close();
      await sseFramed.close();
      delete process.env.MCP_ALLOW_PRIVATE;
      resetConfigForTests();
    }
  });

  it("does not call loopback or private addresses unless MCP_ALLOW_PRIVATE=1", async () => {
    const standIn = await startMcpHttpStandIn();
    try {
      for (const [name, url, host] of [
        ["metadata", "http://169.254.169.254/latest", "169.254.169.254"],
        ["loopback", `${standIn.url}/mcp`, "127.0.0.1"],
        ["localhost", `${standIn.url.replace("127.0.0.1", "localhost")}/mcp`, "localhost"],
      ]) {
        const server = await call(create, BASE, alice.auth, "POST", { name, transport: "http", url });
        expect((await checkMcpServer(alice.id, server.body!.id)).error).toBe(
          `${host} is a loopback or private address, which this server does not call (an admin can allow it with MCP_ALLOW_PRIVATE=1).`,
        );
      }
      expect(standIn.seen).toEqual([]);
    } finally {
      await standIn.close();
    }
  });
});
