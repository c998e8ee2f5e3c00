import os from "node:os";
import { RUN_LIMITS } from "@/lib/billing/plans";
import type { ExecutorContext, RunLogEvent } from "@/lib/executors/types";
import type { SandboxSpec } from "@/lib/sandbox/spec";

/** The sandbox a FREE user's run gets in `cwd` (writable, no network, no HOME kept): what executors run inside in tests. */
export function testSandbox(cwd: string, overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  return { cwd, writable: true, home: null, network: false, env: {}, limits: { ...RUN_LIMITS.FREE, plan: "FREE" }, ...overrides };
}

/** An ExecutorContext for tests, collecting what the executor emits. Child processes run in a real sandbox unless `sandbox: null`. */
export function testContext(overrides: Partial<Omit<ExecutorContext, "agent">> & { agent?: Partial<ExecutorContext["agent"]> } = {}) {
  const events: RunLogEvent[] = [];
  const pids: number[] = [];
  const controller = new AbortController();
  const { agent, ...rest } = overrides;
  const cwd = rest.cwd ?? os.tmpdir();
  const ctx: ExecutorContext = {
    runId: "run-test",
    task: "do the thing",
    model: null,
    cwd,
    provider: {},
    shareServerKeys: false,
    resumeSessionId: null,
    signal: controller.signal,
    emit: (e) => events.push(e),
    onSpawn: (pid) => pids.push(pid),
    ...rest,
    sandbox: rest.sandbox === undefined ? testSandbox(cwd) : rest.sandbox,
    agent: { systemPrompt: "", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false, ...agent },
  };
  return { ctx, events, pids, controller };
}
