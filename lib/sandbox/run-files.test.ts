import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { spawnLines } from "@/lib/executors/process";
import { testSandbox } from "@/tests/stand-ins/context";

/** SandboxSpec.files: a private file the confined process reads at /run/switchboard/<name>, gone when it ends. */

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), "sb-run-files-"));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

const runsDir = () => path.join(config().dataDir, "sandbox", "runs");
const hostCopies = () => (fs.existsSync(runsDir()) ? fs.readdirSync(runsDir()) : []);

async function sh(script: string, files?: Array<{ path: string; content: string }>) {
  const out: string[] = [];
  let during: string[] = [];
  const result = await spawnLines({
    command: "bash",
    args: ["-c", script],
    cwd,
    sandbox: testSandbox(cwd, files ? { files } : {}),
    signal: new AbortController().signal,
    notFoundMessage: "no bash",
    onSpawn: () => (during = hostCopies()),
    onStdoutLine: (line) => out.push(line),
    onStderrLine: (line) => out.push(`stderr: ${line}`),
  });
  return { result, out, during };
}

describe("sandbox files", () => {
  it("a confined process reads its file at /run/switchboard/, cannot change it, and the host copy is gone once it ends", async () => {
    const secret = `token-${Date.now()}`;
    const { result, out, during } = await sh(
      'cat /run/switchboard/mcp.json; echo; stat -c "%a" /run/switchboard/mcp.json; { echo x >> /run/switchboard/mcp.json; } 2>/dev/null && echo wrote || echo refused',
      [{ path: "/run/switchboard/mcp.json", content: `{"secret":"${secret}"}` }],
    );
    expect(result.exitCode).toBe(0);
    expect(out[0]).toBe(`{"secret":"${secret}"}`);
    expect(out[1]).toBe("600");
    expect(out.at(-1)).toBe("refused"); // (the shell's complaint goes to /dev/null: stderr lines may arrive after stdout ones)
    // While it ran, one private folder held it on the host (0700, file 0600); afterwards nothing.
    expect(during).toHaveLength(1);
    expect(hostCopies()).toEqual([]);
  });

  it("another process does not see it, and nothing of it is left in the project folder", async () => {
    await sh("true", [{ path: "/run/switchboard/settings.json", content: "{}" }]);
    const { out } = await sh("ls /run/switchboard 2>&1 || echo none");
    expect(out.join("\n")).toMatch(/No such file|none/);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("refuses a path outside /run/switchboard/", async () => {
    await expect(sh("true", [{ path: "/etc/passwd", content: "x" }])).rejects.toThrow(/\/run\/switchboard/);
  });
});
