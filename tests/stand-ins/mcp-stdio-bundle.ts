import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

const SOURCE = path.resolve(__dirname, "mcp-stdio-server.mjs");
const OUT_DIR = path.resolve(__dirname, "../../node_modules/.cache/switchboard-stand-ins");

/**
 * The stdio MCP stand-in (mcp-stdio-server.mjs, on @modelcontextprotocol/sdk) as one executable
 * file with the SDK inside. A stdio server is started in the sandbox, which shows a program its
 * own folder but never the app's files (node_modules included), as it would a real server
 * installed on its own. Bundled once per source version; safe with parallel test workers.
 */
export function mcpStdioStandIn(): string {
  const hash = crypto.createHash("sha256").update(fs.readFileSync(SOURCE)).digest("hex").slice(0, 12);
  const file = path.join(OUT_DIR, `mcp-stdio-server-${hash}.mjs`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [SOURCE],
    outfile: temp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __sbCreateRequire } from "node:module"; const require = __sbCreateRequire(import.meta.url);' },
  });
  fs.chmodSync(temp, 0o755);
  fs.renameSync(temp, file);
  return file;
}
