import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { createAgent } from "@/lib/agents/agents";
import { config, resetConfigForTests } from "@/lib/config";
import { createMcpServer } from "@/lib/mcp/servers";
import { createProject } from "@/lib/projects/projects";
import { createUser } from "@/lib/users/users";
import { executeRun } from "./execute";
import { readEvents } from "./events";
import { startRun } from "./lifecycle";
import { createClaudeCodeExecutor } from "@/lib/executors/claude-code";
import { testContext } from "@/tests/stand-ins/context";

/**
 * A run hands its agent's MCP servers and hooks to the agent CLI, and nothing else: the
 * Claude Code stand-in (tests/stand-ins/fake-claude.mjs) records its argv and the files it
 * was pointed at, from inside the sandbox. The files are gone once the run ends.
 */

const STAND_INS = path.resolve(__dirname, "../../tests/stand-ins");
const HOOKS = { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./guard.sh" }] }] };

type Recorded = { argv: string[]; env: Record<string, string>; files: Record<string, string> };
let alice: { id: string; projectId: string; folder: string };
let ids: Record<string, string>;

async function account(email: string) {
  const user = (await createUser({ email, name: email }))!;
  await db().update(users).set({ role: "user", plan: "PRO" }).where(eq(users.id, user.id));
  const project = await createProject(user.id, { name: "tooling" });
  return { id: user.id, projectId: project.id, folder: project.path };
}

function standIn(settings: Record<string, string>) {
  fs.writeFileSync(path.join(alice.folder, "stand-in.json"), JSON.stringify({ ARGV_FILE: path.join(alice.folder, "argv.json"), ...settings }));
}

async function runAs(agent: Parameters<typeof createAgent>[1]) {
  const created = await createAgent(alice.id, agent);
  const run = await startRun(alice.id, { agentId: created.id, projectId: alice.projectId, task: "use your tools" });
  const outcome = await executeRun(run.id, new AbortController().signal);
  const recorded = JSON.parse(fs.readFileSync(path.join(alice.folder, "argv.json"), "utf8")) as Recorded;
  fs.rmSync(path.join(alice.folder, "argv.json"));
  const log = (await readEvents(run.id, 0, 10_000)).filter((e) => e.event === "log").map((e) => (e.data as { text: string }).text);
  return { outcome, recorded, log };
}

const agentBase = { icon: "bot", systemPrompt: "", defaultTask: null, model: "sonnet", type: "development" as const, tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false };
const leftOnHost = () => {
  const dir = path.join(config().dataDir, "sandbox", "runs");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  process.env.CLAUDE_CODE_BIN = path.join(STAND_INS, "fake-claude.mjs");
  process.env.CODEX_BIN = path.join(STAND_INS, "fake-cli.mjs");
  process.env.GEMINI_BIN = path.join(STAND_INS, "fake-cli.mjs");
  resetConfigForTests();
  alice = await account("tooling-alice@example.com");
  const bob = await account("tooling-bob@example.com");
  const empty = { args: [], env: {}, headers: {} };
  ids = {
    tracker: (await createMcpServer(alice.id, { ...empty, name: "tracker", transport: "stdio", command: "npx", args: ["-y", "tracker-mcp"], env: { TRACKER_TOKEN: "tok-alice-1" } })).id,
    docs: (await createMcpServer(alice.id, { ...empty, name: "docs", transport: "http", url: "https://docs.example.com/mcp", headers: { Authorization: "Bearer docs-key" } })).id,
    legacy: (await createMcpServer(alice.id, { ...empty, name: "legacy", transport: "sse", url: "https://legacy.example.com/sse" })).id,
    unused: (await createMcpServer(alice.id, { ...empty, name: "unused", transport: "stdio", command: "unused-mcp" })).id,
    bobs: (await createMcpServer(bob.id, { ...empty, name: "bobs", transport: "stdio", command: "bob-mcp", env: { BOB: "bob-secret" } })).id,
  };
});

afterAll(() => {
  for (const name of ["CLAUDE_CODE_BIN", "CODEX_BIN", "GEMINI_BIN"]) delete process.env[name];
  resetConfigForTests();
});

describe("a run gets exactly its agent's MCP servers and hooks", () => {
  it("claude-code: --mcp-config with the agent's servers (secrets opened), --strict-mcp-config, --settings with its hooks; the files are gone afterwards", async () => {
    standIn({});
    const { outcome, recorded } = await runAs({ ...agentBase, name: "Tracker bot", executor: "claude-code", hooks: HOOKS, mcpServerIds: [ids.tracker!, ids.docs!] });
    expect(outcome.status).toBe("completed");
    const tail = recorded.argv.slice(recorded.argv.indexOf("--mcp-config"));
    expect(tail).toEqual(["--mcp-config", "/run/switchboard/mcp-config.json", "--strict-mcp-config", "--settings", "/run/switchboard/claude-settings.json"]);
    expect(JSON.parse(recorded.files["/run/switchboard/mcp-config.json"]!)).toEqual({
      mcpServers: {
        tracker: { type: "stdio", command: "npx", args: ["-y", "tracker-mcp"], env: { TRACKER_TOKEN: "tok-alice-1" } },
        docs: { type: "http", url: "https://docs.example.com/mcp", headers: { Authorization: "Bearer docs-key" } },
      },
    });
    expect(JSON.parse(recorded.files["/run/switchboard/claude-settings.json"]!)).toEqual({ hooks: HOOKS });
    // Nothing of the files is left: not on the host, not in the project.
    expect(leftOnHost()).toEqual([]);
    expect(fs.readdirSync(alice.folder).filter((f) => f.endsWith(".json") && f !== "stand-in.json")).toEqual([]);
  });

  it("claude-code: an agent without servers or hooks gets an empty config (so no project or HOME server sneaks in) and no --settings", async () => {
    standIn({});
    const { recorded } = await runAs({ ...agentBase, name: "Plain", executor: "claude-code", hooks: null });
    expect(recorded.argv.slice(recorded.argv.indexOf("--mcp-config"))).toEqual(["--mcp-config", "/run/switchboard/mcp-config.json", "--strict-mcp-config"]);
    expect(JSON.parse(recorded.files["/run/switchboard/mcp-config.json"]!)).toEqual({ mcpServers: {} });
  });

  it("a hook that fails shows in the run's log, with what it printed", async () => {
    const transcript = path.join(alice.folder, "hook-transcript.jsonl");
    fs.writeFileSync(
      transcript,
      [
        { type: "system", subtype: "init", session_id: "s-hooks", model: "claude-sonnet-test", tools: ["Bash"], mcp_servers: [] },
        { type: "system", subtype: "hook_response", hook_name: "PreToolUse:Bash", hook_event: "PreToolUse", exit_code: 1, outcome: "error", stdout: "", stderr: "guard.sh: jq: command not found" },
        { type: "result", subtype: "success", is_error: false, result: "done", session_id: "s-hooks", total_cost_usd: 0 },
      ].map((m) => JSON.stringify(m)).join("\n") + "\n",
    );
    standIn({ TRANSCRIPT: transcript });
    const { log } = await runAs({ ...agentBase, name: "Guarded", executor: "claude-code", hooks: HOOKS });
    fs.rmSync(transcript);
    expect(log).toContain("Hook PreToolUse:Bash failed (exit code 1): guard.sh: jq: command not found");
  });

  it("another user's server id never reaches a run, even written into the agent row directly", async () => {
    standIn({});
    const agent = await createAgent(alice.id, { ...agentBase, name: "Sneaky", executor: "claude-code", hooks: null, mcpServerIds: [ids.tracker!] });
    const { agents } = await import("@/db/schema");
    await db().update(agents).set({ mcpServerIds: [ids.tracker!, ids.bobs!] }).where(eq(agents.id, agent.id));
    const run = await startRun(alice.id, { agentId: agent.id, projectId: alice.projectId, task: "x" });
    await executeRun(run.id, new AbortController().signal);
    const recorded = JSON.parse(fs.readFileSync(path.join(alice.folder, "argv.json"), "utf8")) as Recorded;
    const config = recorded.files["/run/switchboard/mcp-config.json"]!;
    expect(Object.keys(JSON.parse(config).mcpServers)).toEqual(["tracker"]);
    expect(config).not.toContain("bob-secret");
  });

  it("gemini: a system settings file with the servers (httpUrl for http, url for sse) and --allowed-mcp-server-names", async () => {
    standIn({ TRANSCRIPT: path.join(STAND_INS, "recordings/gemini-stream.jsonl") });
    const { recorded } = await runAs({ ...agentBase, name: "Gemini", executor: "gemini", hooks: null, mcpServerIds: [ids.tracker!, ids.docs!, ids.legacy!] });
    expect(recorded.argv.slice(-2)).toEqual(["--allowed-mcp-server-names", "tracker,docs,legacy"]);
    expect(JSON.parse(recorded.files["/run/switchboard/gemini-settings.json"]!)).toEqual({
      mcpServers: {
        tracker: { command: "npx", args: ["-y", "tracker-mcp"], env: { TRACKER_TOKEN: "tok-alice-1" } },
        docs: { httpUrl: "https://docs.example.com/mcp", headers: { Authorization: "Bearer docs-key" } },
        legacy: { url: "https://legacy.example.com/sse", headers: {} },
      },
    });
    expect(leftOnHost()).toEqual([]);
  });

  it("codex: -c mcp_servers overrides for stdio and http servers; an sse one is left out with a line in the log", async () => {
    standIn({ TRANSCRIPT: path.join(STAND_INS, "recordings/codex-exec.jsonl") });
    const { recorded, log } = await runAs({ ...agentBase, name: "Codex", executor: "codex", hooks: null, mcpServerIds: [ids.tracker!, ids.docs!, ids.legacy!] });
    expect(recorded.argv.slice(0, recorded.argv.indexOf("exec"))).toEqual([
      "-c", 'mcp_servers.tracker.command="npx"',
      "-c", 'mcp_servers.tracker.args=["-y", "tracker-mcp"]',
      "-c", 'mcp_servers.tracker.env={ "TRACKER_TOKEN" = "tok-alice-1" }',
      "-c", 'mcp_servers.docs.url="https://docs.example.com/mcp"',
      "-c", 'mcp_servers.docs.http_headers={ "Authorization" = "Bearer docs-key" }',
    ]);
    expect(log).toContain("MCP server legacy uses SSE, which Codex does not support: left out.");
  });

  it("unconfined (SANDBOX=off, or an admin without a sandbox): the same private files by their host path, removed afterwards", async () => {
    standIn({});
    const { ctx } = testContext({
      cwd: alice.folder,
      sandbox: null,
      tooling: { mcpServers: [{ name: "local", transport: "stdio", command: "x", args: [], env: { K: "v" }, url: null, headers: {} }], hooks: HOOKS },
    });
    await createClaudeCodeExecutor().run(ctx);
    const recorded = JSON.parse(fs.readFileSync(path.join(alice.folder, "argv.json"), "utf8")) as Recorded;
    const [configPath, settingsPath] = Object.keys(recorded.files);
    expect(configPath).toMatch(new RegExp(`^${config().dataDir}/sandbox/runs/[0-9a-f]{24}/mcp-config\\.json$`));
    expect(JSON.parse(recorded.files[configPath!]!).mcpServers.local.env).toEqual({ K: "v" });
    expect(JSON.parse(recorded.files[settingsPath!]!)).toEqual({ hooks: HOOKS });
    expect(fs.existsSync(configPath!)).toBe(false);
    expect(leftOnHost()).toEqual([]);
  });
});
