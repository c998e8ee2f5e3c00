#!/usr/bin/env node
// An MCP server over stdio for tests, built on the official SDK (McpServer +
// StdioServerTransport). Its tools say which of its environment variables are
// set (never their values), its folder and uid, so a test can see that a
// server's env reached it and where it ran. MODE (first argument): `ok`;
// `crash` writes to stderr and exits before answering; `silent` never answers.
//
// The sandbox shows a program only its own folder, not the app's node_modules,
// so tests run the one-file bundle of this script (mcp-stdio-bundle.ts).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const mode = process.argv[2] ?? "ok";
if (mode === "crash") {
  process.stderr.write("stand-in: missing configuration, giving up\n");
  process.exit(3);
}
if (mode === "silent") {
  process.stdin.resume(); // reads, never answers
} else {
  const server = new McpServer({ name: "stand-in-stdio", version: "1.0.0" });
  server.registerTool("echo", { description: "Says back what it is given", inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  const set = Object.keys(process.env).filter((k) => k.startsWith("STAND_IN_")).sort();
  server.registerTool("whoami", { description: `env set: ${set.join(",") || "none"}; cwd ${process.cwd()}; uid ${process.getuid?.()}` }, async () => ({
    content: [{ type: "text", text: `uid ${process.getuid?.()}` }],
  }));
  await server.connect(new StdioServerTransport());
}
