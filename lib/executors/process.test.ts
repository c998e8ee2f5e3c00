import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testSandbox } from "@/tests/stand-ins/context";
import { spawnLines } from "./process";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "sb-process-"));

const CHUNKY_CHILD = `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const out = (b) => new Promise((r) => process.stdout.write(b, r));
(async () => {
  await out("hel"); await sleep(15);
  await out("lo\\r\\nwor"); await sleep(15);
  process.stderr.write("to stderr\\n");
  const han = Buffer.from("한");
  await out(Buffer.concat([Buffer.from("ld "), han.subarray(0, 1)])); await sleep(15);
  await out(Buffer.concat([han.subarray(1), Buffer.from("\\n\\n")])); await sleep(15);
  await out("last line without newline");
})();
`;

function collect() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, onStdoutLine: (l: string) => stdout.push(l), onStderrLine: (l: string) => stderr.push(l) };
}

describe("spawnLines in the sandbox (stand-in: a node child writing in pieces)", () => {
  it("splits stdout and stderr into whole lines across chunk boundaries, in order, keeping the last partial line", async () => {
    const lines = collect();
    const pids: number[] = [];
    const result = await spawnLines({
      command: process.execPath,
      args: ["-e", CHUNKY_CHILD],
      cwd: work,
      sandbox: testSandbox(work),
      signal: new AbortController().signal,
      onSpawn: (pid) => pids.push(pid),
      notFoundMessage: "node not found",
      ...lines,
    });
    expect(result).toMatchObject({ exitCode: 0, signal: null, cancelled: false });
    expect(result.error).toBeUndefined();
    expect(lines.stdout).toEqual(["hello", "world 한", "", "last line without newline"]);
    expect(lines.stderr).toEqual(["to stderr"]);
    expect(pids).toHaveLength(1);
    expect(pids[0]).toBe(result.pid);
  });

  it("reports a missing binary as the given sentence, without throwing", async () => {
    const result = await spawnLines({
      command: "/nonexistent/switchboard-cli",
      args: [],
      cwd: work,
      sandbox: testSandbox(work),
      signal: new AbortController().signal,
      notFoundMessage: "Thing CLI not found: install it or set THING_BIN",
      ...collect(),
    });
    expect(result).toMatchObject({ exitCode: null, error: "Thing CLI not found: install it or set THING_BIN" });
  });

  it("blames a missing project directory, not the binary", async () => {
    const result = await spawnLines({
      command: process.execPath,
      args: ["-e", ""],
      cwd: `${os.tmpdir()}/switchboard-no-such-dir-${Date.now()}`,
      sandbox: testSandbox(`${os.tmpdir()}/switchboard-no-such-dir-${Date.now()}`),
      signal: new AbortController().signal,
      notFoundMessage: "node not found",
      ...collect(),
    });
    expect(result.error).toMatch(/^Project directory not found: /);
  });

  it("reports a file that is not executable", async () => {
    const file = fs.mkdtempSync(`${os.tmpdir()}/sb-noexec-`) + "/cli";
    fs.writeFileSync(file, "#!/bin/sh\necho hi\n", { mode: 0o644 });
    const result = await spawnLines({
      command: file,
      args: [],
      cwd: work,
      sandbox: testSandbox(work),
      signal: new AbortController().signal,
      notFoundMessage: "Thing CLI not found",
      ...collect(),
    });
    expect(result.error).toContain("is not executable");
  });

  it("does not start anything when the run was cancelled before", async () => {
    const controller = new AbortController();
    controller.abort();
    const pids: number[] = [];
    const result = await spawnLines({
      command: process.execPath,
      args: ["-e", "setTimeout(() => {}, 10000)"],
      cwd: work,
      sandbox: testSandbox(work),
      signal: controller.signal,
      onSpawn: (pid) => pids.push(pid),
      notFoundMessage: "node not found",
      ...collect(),
    });
    expect(result.cancelled).toBe(true);
    expect(pids).toEqual([]);
  });

  it("keeps the server's secrets out of the child's environment", async () => {
    process.env.STRIPE_SECRET_KEY = "sk_live_must_not_leak";
    try {
      const lines = collect();
      await spawnLines({
        command: process.execPath,
        args: ["-e", "console.log(JSON.stringify({ stripe: process.env.STRIPE_SECRET_KEY ?? null, extra: process.env.EXTRA ?? null, path: !!process.env.PATH }))"],
        cwd: work,
      sandbox: testSandbox(work),
        env: { EXTRA: "given" },
        signal: new AbortController().signal,
        notFoundMessage: "node not found",
        ...lines,
      });
      expect(JSON.parse(lines.stdout[0]!)).toEqual({ stripe: null, extra: "given", path: true });
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
    }
  });
});
