/**
 * What the agent sandbox adds to starting a run: time from spawn to the first
 * line of output, for the same command started through the one way runs
 * start processes (lib/executors/process.ts spawnLines), confined (bubblewrap,
 * a per-run cgroup, rlimits; with and without network through slirp4netns)
 * and unconfined, interleaved round by round so both share the machine's
 * noise. Also one server git command (`git status`) confined and not.
 *
 *   npx tsx --conditions=react-server bench/sandbox.ts [rounds=30]
 *
 * Goal (issue #9): under 50 ms added at p50.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROUNDS = Number(process.argv[2] ?? 30);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-sandbox-"));
process.env.DATA_DIR = dataDir;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const { spawnLines } = await import("../lib/executors/process");
  const { RUN_LIMITS } = await import("../lib/billing/plans");
  const { sandboxStatus } = await import("../lib/sandbox/status");
  const { git } = await import("../lib/git/git");
  const status = sandboxStatus();
  if (!status.available) throw new Error(`No sandbox here: ${status.problems.join("; ")}`);

  const work = fs.mkdtempSync(path.join(dataDir, "project-"));
  const firstLine = async (sandbox: Parameters<typeof spawnLines>[0]["sandbox"]) => {
    const t0 = performance.now();
    let first = 0;
    const result = await spawnLines({
      command: "bash",
      args: ["-c", "echo ready"],
      cwd: work,
      sandbox,
      signal: new AbortController().signal,
      onStdoutLine: () => (first ||= performance.now() - t0),
      onStderrLine: () => {},
      notFoundMessage: "bash not found",
    });
    if (result.exitCode !== 0 || !first) throw new Error(`run failed: ${JSON.stringify(result)}`);
    return first;
  };
  const spec = (network: boolean) => ({ cwd: work, writable: true, home: null, network, env: {}, limits: { ...RUN_LIMITS.FREE, plan: "FREE" as const } });

  const times = { bare: [] as number[], confined: [] as number[], network: [] as number[] };
  for (let i = 0; i < 3; i++) await firstLine(spec(false)); // warm the page cache
  for (let round = 0; round < ROUNDS; round++) {
    times.bare.push(await firstLine(null));
    times.confined.push(await firstLine(spec(false)));
    times.network.push(await firstLine(spec(true)));
  }

  // Server git in a user's repository: confined whenever agents are.
  await git(work, ["init", "-q", "-b", "main"]);
  const gitTimes = { bare: [] as number[], confined: [] as number[] };
  const modes = ["off", "auto"] as const;
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      process.env.SANDBOX = mode;
      (await import("../lib/config")).resetConfigForTests();
      (await import("../lib/sandbox/status")).resetSandboxStatusForTests();
      sandboxStatus(); // detection (a trial sandbox) happens once per process, not per command
      const t0 = performance.now();
      await git(work, ["status", "--porcelain"]);
      (mode === "off" ? gitTimes.bare : gitTimes.confined).push(performance.now() - t0);
    }
  }

  const row = (name: string, values: number[], base: number[]) =>
    `${name.padEnd(34)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms   ` +
    `added at p50 ${(percentile(values, 50) - percentile(base, 50)).toFixed(1).padStart(6)} ms   ratio ${(percentile(values, 50) / percentile(base, 50)).toFixed(2)}×`;
  console.log(`bubblewrap ${status.bwrap?.version}, slirp4netns ${status.slirp4netns?.version}, ${status.cgroups ? `cgroup v${status.cgroups.version}` : "rlimits only"}; ${ROUNDS} rounds`);
  console.log("start → first line of `bash -c 'echo ready'`");
  console.log(row("  unconfined (baseline)", times.bare, times.bare));
  console.log(row("  sandbox, no network", times.confined, times.bare));
  console.log(row("  sandbox, network (slirp4netns)", times.network, times.bare));
  console.log("server `git status` in a user's repository");
  console.log(row("  unconfined (baseline)", gitTimes.bare, gitTimes.bare));
  console.log(row("  sandbox", gitTimes.confined, gitTimes.bare));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
