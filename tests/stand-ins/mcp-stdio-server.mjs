#!/usr/bin/env node
// A tiny MCP server over stdio for tests (JSON-RPC 2.0, one message a line):
// answers `initialize` and `tools/list`, ignores notifications. Its tools say
// which of its environment variables are set (never their values), so a test
// can see that a server's env reached it. With MODE=crash it writes to stderr
// and exits before answering; MODE=silent never answers.
import readline from "node:readline";

const mode = process.argv[2] ?? "ok";
if (mode === "crash") {
  process.stderr.write("stand-in: missing configuration, giving up\n");
  process.exit(3);
}

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (mode === "silent") return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (message.method === "initialize") {
    send({ id: message.id, result: { protocolVersion: message.params?.protocolVersion ?? "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "stand-in-stdio", version: "1.0.0" } } });
  } else if (message.method === "tools/list") {
    const set = Object.keys(process.env).filter((k) => k.startsWith("STAND_IN_")).sort();
    send({
      id: message.id,
      result: {
        tools: [
          { name: "echo", description: "Says back what it is given", inputSchema: { type: "object" } },
          { name: "whoami", description: `env set: ${set.join(",") || "none"}; cwd ${process.cwd()}; uid ${process.getuid?.()}`, inputSchema: { type: "object" } },
        ],
      },
    });
  } else if (message.id !== undefined) {
    send({ id: message.id, error: { code: -32601, message: `no method ${message.method}` } });
  }
});
