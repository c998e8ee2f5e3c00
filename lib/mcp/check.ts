import "server-only";
import crypto from "node:crypto";
import dns from "node:dns/promises";
import { isPrivateAddress } from "@/lib/http/private-address";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { runLimitsFor } from "@/lib/billing/plans";
import { config } from "@/lib/config";
import { spawnLines } from "@/lib/executors/process";
import { runSandbox } from "@/lib/runs/sandbox";
import { LocalizedError } from "@/lib/i18n/localized-error";
import type { LaunchServer } from "./formats";
import { launchServers } from "./launch";
import type { McpCheckResult } from "./schemas";

/**
 * "Check": start one of the user's MCP servers (stdio: inside the sandbox, as
 * a run would; http/sse: called from the server) and ask it what it is and
 * which tools it has, with the MCP protocol's `initialize` and `tools/list`.
 * Bounded in time; every failure comes back as a sentence, never a throw.
 */

export const CHECK_TIMEOUT_MS = 20_000;
const PROTOCOL_VERSION = "2025-06-18";
const MAX_RESPONSE_BYTES = 1024 * 1024;
const CLIENT_INFO = { name: "switchboard-check", version: "1" };

type Json = Record<string, unknown>;
const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO } };
const initialized = { jsonrpc: "2.0", method: "notifications/initialized" };
const listTools = { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} };

class CheckFailed extends Error {}

/** Checks running per user in this process: each may hold a sandbox for up to CHECK_TIMEOUT_MS. */
export const MAX_CHECKS_AT_ONCE = 2;
const running = new Map<string, number>();

export async function checkMcpServer(userId: string, id: string, options: { timeoutMs?: number } = {}): Promise<McpCheckResult> {
  const [server] = await launchServers(userId, [id]);
  if (!server) throw new LocalizedError("not_found", { key: "mcp.error.notFound" });
  if ((running.get(userId) ?? 0) >= MAX_CHECKS_AT_ONCE) throw new LocalizedError("rate_limited", { key: "mcp.error.checkBusy", vars: { max: MAX_CHECKS_AT_ONCE } });
  running.set(userId, (running.get(userId) ?? 0) + 1);
  try {
    return await checkServer(userId, server, options.timeoutMs ?? CHECK_TIMEOUT_MS);
  } finally {
    const left = (running.get(userId) ?? 1) - 1;
    if (left > 0) running.set(userId, left);
    else running.delete(userId);
  }
}

async function checkServer(userId: string, server: LaunchServer, timeoutMs: number): Promise<McpCheckResult> {
  const started = Date.now();
  try {
    const { info, tools } = server.transport === "stdio" ? await checkStdio(userId, server, timeoutMs) : await checkRemote(server, timeoutMs);
    return { ok: true, serverName: info, tools, error: null, elapsedMs: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, serverName: null, tools: [], error: message, elapsedMs: Date.now() - started };
  }
}

function toolsOf(result: unknown): McpCheckResult["tools"] {
  const tools = (result as { tools?: unknown } | null)?.tools;
  if (!Array.isArray(tools)) throw new CheckFailed("The server's tools/list answer has no tools list.");
  return tools.slice(0, 500).map((t: { name?: unknown; description?: unknown }) => ({
    name: String(t?.name ?? "?").slice(0, 200),
    description: typeof t?.description === "string" ? t.description.slice(0, 1000) : null,
  }));
}

function serverNameOf(result: unknown): string | null {
  const name = (result as { serverInfo?: { name?: unknown } } | null)?.serverInfo?.name;
  return typeof name === "string" ? name.slice(0, 200) : null;
}

function rpcErrorText(message: Json, step: string): string {
  const error = message.error as { message?: unknown; code?: unknown };
  return `The server answered ${step} with an error: ${String(error?.message ?? JSON.stringify(error)).slice(0, 300)}`;
}

function rpcError(message: Json, step: string): never {
  throw new CheckFailed(rpcErrorText(message, step));
}

// ---- stdio: inside the sandbox ----

async function checkStdio(userId: string, server: LaunchServer, timeoutMs: number) {
  const [owner] = await db().select({ role: users.role, plan: users.plan }).from(users).where(eq(users.id, userId)).limit(1);
  if (!owner) throw new CheckFailed("Your account no longer exists.");
  // An empty folder of its own to start in; the user's sandbox HOME keeps npx/uvx caches between checks and runs.
  const cwd = path.join(config().dataDir, "sandbox", "checks", crypto.randomBytes(8).toString("hex"));
  fs.mkdirSync(cwd, { recursive: true, mode: 0o700 });
  const limits = { ...runLimitsFor(owner.plan), plan: owner.plan };
  const sandbox = runSandbox({ userId, role: owner.role, executor: "script", cwd, enableFileWrite: true, enableNetwork: true, limits });
  const stop = new AbortController();
  const stderr: string[] = [];
  let info: string | null = null;
  let tools: McpCheckResult["tools"] | null = null;
  let failure: string | null = null;
  let stdin: NodeJS.WritableStream | null = null;
  const send = (message: Json) => stdin?.write(`${JSON.stringify(message)}\n`);
  const timer = setTimeout(() => {
    failure ??= `The server did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
    stop.abort();
  }, timeoutMs);
  try {
    const result = await spawnLines({
      command: server.command,
      args: server.args,
      cwd,
      env: server.env,
      sandbox,
      signal: stop.signal,
      killGraceMs: 1_000,
      notFoundMessage: `The command ${server.command} was not found in the sandbox.`,
      onStdin(pipe) {
        stdin = pipe;
        send(initialize);
      },
      onStdoutLine(line) {
        let message: Json;
        try {
          message = JSON.parse(line) as Json;
        } catch {
          return; // servers may log to stdout; only JSON-RPC lines matter
        }
        if (message.id === 1) {
          if (message.error) {
            failure ??= rpcErrorText(message, "initialize");
            return stop.abort();
          }
          info = serverNameOf(message.result);
          send(initialized);
          send(listTools);
        } else if (message.id === 2) {
          if (message.error) failure ??= rpcErrorText(message, "tools/list");
          else {
            try {
              tools = toolsOf(message.result);
            } catch (error) {
              failure ??= (error as Error).message;
            }
          }
          stop.abort();
        }
      },
      onStderrLine(line) {
        if (line.trim()) stderr.push(line.slice(0, 300));
        if (stderr.length > 5) stderr.shift();
      },
    });
    if (tools) return { info, tools };
    if (failure) throw new CheckFailed(failure);
    if (result.error) throw new CheckFailed(result.error);
    const tail = stderr.at(-1) ? `: ${stderr.at(-1)}` : "";
    throw new CheckFailed(`The server exited (code ${result.exitCode ?? result.signal}) before listing its tools${tail}`);
  } finally {
    clearTimeout(timer);
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

// ---- http (streamable HTTP) and sse (the older HTTP+SSE transport), from the server ----

async function assertReachable(url: URL) {
  if (config().mcpAllowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new CheckFailed(`The host ${host} could not be found.`);
  if (addresses.some(isPrivateAddress)) {
    throw new CheckFailed(`${host} is a loopback or private address, which this server does not call (an admin can allow it with MCP_ALLOW_PRIVATE=1).`);
  }
}

async function checkRemote(server: LaunchServer, timeoutMs: number) {
  const url = new URL(server.url ?? "");
  await assertReachable(url);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return server.transport === "http" ? await checkHttp(url, server.headers, signal) : await checkSse(url, server.headers, signal);
  } catch (error) {
    if (signal.aborted) throw new CheckFailed(`The server did not answer within ${Math.round(timeoutMs / 1000)} seconds.`);
    if (error instanceof CheckFailed) throw error;
    throw new CheckFailed(`Could not reach ${url.host}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
  }
}

/** Reads a response body up to MAX_RESPONSE_BYTES. */
async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new CheckFailed("The server's answer is larger than 1 MB.");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A JSON-RPC answer sent as JSON or as an SSE stream of messages: the one with `id`. */
function findAnswer(text: string, contentType: string, id: number): Json | null {
  const candidates: string[] = contentType.includes("text/event-stream")
    ? text.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim())
    : [text];
  for (const candidate of candidates) {
    try {
      const parsed = JSON.parse(candidate) as Json | Json[];
      for (const message of Array.isArray(parsed) ? parsed : [parsed]) if (message?.id === id) return message;
    } catch {
      // not JSON: keep looking
    }
  }
  return null;
}

async function checkHttp(url: URL, headers: Record<string, string>, signal: AbortSignal) {
  let session: string | null = null;
  const post = async (body: Json, step: string) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": PROTOCOL_VERSION,
        ...(session ? { "mcp-session-id": session } : {}),
      },
      body: JSON.stringify(body),
      redirect: "error",
      signal,
    });
    session = response.headers.get("mcp-session-id") ?? session;
    const text = await readBounded(response);
    if (!response.ok) throw new CheckFailed(`The server answered ${step} with HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
    if (!("id" in body)) return null;
    const answer = findAnswer(text, response.headers.get("content-type") ?? "", body.id as number);
    if (!answer) throw new CheckFailed(`The server's answer to ${step} is not MCP (JSON-RPC).`);
    if (answer.error) rpcError(answer, step);
    return answer.result;
  };
  const info = serverNameOf(await post(initialize, "initialize"));
  await post(initialized, "notifications/initialized");
  return { info, tools: toolsOf(await post(listTools, "tools/list")) };
}

/** The older transport: a GET opens an event stream whose `endpoint` event names where to POST; answers come on the stream. */
async function checkSse(url: URL, headers: Record<string, string>, signal: AbortSignal) {
  const stream = await fetch(url, { headers: { ...headers, accept: "text/event-stream" }, redirect: "error", signal });
  if (!stream.ok || !stream.body) throw new CheckFailed(`The server answered the event stream with HTTP ${stream.status}.`);
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let received = 0;
  const nextEvent = async (): Promise<{ event: string; data: string }> => {
    for (;;) {
      const end = buffer.search(/\r?\n\r?\n/);
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
        let event = "message";
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        if (data.length) return { event, data: data.join("\n") };
        continue;
      }
      const { done, value } = await reader.read();
      if (done) throw new CheckFailed("The server closed its event stream before answering.");
      received += value.length;
      if (received > MAX_RESPONSE_BYTES) throw new CheckFailed("The server's answer is larger than 1 MB.");
      buffer += decoder.decode(value, { stream: true });
    }
  };
  try {
    const first = await nextEvent();
    if (first.event !== "endpoint") throw new CheckFailed("The server's event stream did not start with an endpoint (is it an SSE MCP server?).");
    const endpoint = new URL(first.data, url);
    if (endpoint.origin !== url.origin) throw new CheckFailed("The server named an endpoint on another host.");
    const post = async (body: Json, step: string) => {
      const response = await fetch(endpoint, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body), redirect: "error", signal });
      await readBounded(response);
      if (!response.ok) throw new CheckFailed(`The server answered ${step} with HTTP ${response.status}.`);
    };
    const answer = async (id: number, step: string) => {
      for (;;) {
        const { data } = await nextEvent();
        const found = findAnswer(data, "application/json", id);
        if (found) return found.error ? rpcError(found, step) : found.result;
      }
    };
    await post(initialize, "initialize");
    const info = serverNameOf(await answer(1, "initialize"));
    await post(initialized, "notifications/initialized");
    await post(listTools, "tools/list");
    return { info, tools: toolsOf(await answer(2, "tools/list")) };
  } finally {
    await reader.cancel().catch(() => {});
  }
}
