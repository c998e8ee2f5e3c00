/**
 * What agent tooling costs (issue 12): (1) the private files a run gets under
 * /run/switchboard (an MCP config and Claude Code settings), as added time from
 * spawn to the first line, against the same sandboxed command without them;
 * (2) "Check" of a stdio MCP server (the stand-in in tests/stand-ins, started in
 * the sandbox: initialize + tools/list) and of an http one on loopback, end to end.
 *
 *   npx tsx --conditions=react-server bench/mcp.ts [rounds=20]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROUNDS = Number(process.argv[2] ?? 20);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-mcp-"));
process.env.DATA_DIR = dataDir;
process.env.MCP_ALLOW_PRIVATE = "1";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const { configureDatabase } = await import("@/lib/server/database");
  configureDatabase();
  const { migrateDatabase } = await import("@/db/migrate");
  const { spawnLines } = await import("@/lib/executors/process");
  const { RUN_LIMITS } = await import("@/lib/billing/plans");
  const { createUser } = await import("@/lib/users/users");
  const { createMcpServer } = await import("@/lib/mcp/servers");
  const { checkMcpServer } = await import("@/lib/mcp/check");
  const { startMcpHttpStandIn } = await import("@/tests/stand-ins/mcp-http-stand-in");
  const { mcpStdioStandIn } = await import("@/tests/stand-ins/mcp-stdio-bundle");
  await migrateDatabase();

  const work = fs.mkdtempSync(path.join(dataDir, "project-"));
  const config = JSON.stringify({ mcpServers: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`s${i}`, { type: "stdio", command: "npx", args: ["-y", "x"], env: { TOKEN: "t".repeat(40) } }])) });
  const files = [
    { path: "/run/switchboard/mcp-config.json", content: config },
    { path: "/run/switchboard/claude-settings.json", content: JSON.stringify({ hooks: { PreToolUse: [] } }) },
  ];
  const firstLine = async (withFiles: boolean) => {
    const t0 = performance.now();
    let first = 0;
    await spawnLines({
      command: "bash",
      args: ["-c", "echo ready"],
      cwd: work,
      sandbox: { cwd: work, writable: true, home: null, network: false, env: {}, limits: { ...RUN_LIMITS.FREE, plan: "FREE" }, ...(withFiles ? { files } : {}) },
      signal: new AbortController().signal,
      onStdoutLine: () => (first ||= performance.now() - t0),
      onStderrLine: () => {},
      notFoundMessage: "bash not found",
    });
    return first;
  };
  for (let i = 0; i < 3; i++) await firstLine(true);
  const plain: number[] = [];
  const withFiles: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await firstLine(false));
    withFiles.push(await firstLine(true));
  }

  // Checks. The first account is an admin; make the bench user an ordinary FREE one, as most are.
  await createUser({ email: "admin@bench.test", name: "admin" });
  const user = (await createUser({ email: "bench@bench.test", name: "bench" }))!;
  const standIn = mcpStdioStandIn();
  const stdio = await createMcpServer(user.id, { name: "stdio", transport: "stdio", command: standIn, args: [], env: { STAND_IN_TOKEN: "x" }, headers: {} });
  const httpStandIn = await startMcpHttpStandIn();
  const http = await createMcpServer(user.id, { name: "http", transport: "http", url: `${httpStandIn.url}/mcp`, args: [], env: {}, headers: {} });
  const checks = { stdio: [] as number[], http: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, server] of [["stdio", stdio], ["http", http]] as const) {
      const t0 = performance.now();
      const result = await checkMcpServer(user.id, server.id);
      if (!result.ok) throw new Error(`${name} check failed: ${result.error}`);
      checks[name].push(performance.now() - t0);
    }
  }
  await httpStandIn.close();

  const row = (name: string, values: number[]) => `${name.padEnd(44)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms`;
  console.log(`${ROUNDS} rounds`);
  console.log(row("sandboxed start → first line, no files", plain));
  console.log(row("sandboxed start → first line, 2 run files", withFiles));
  console.log(`  added at p50: ${(percentile(withFiles, 50) - percentile(plain, 50)).toFixed(1)} ms`);
  console.log(row("Check, stdio server in the sandbox", checks.stdio));
  console.log(row("Check, http server on loopback", checks.http));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
