import os from "node:os";
import type { ExecutorContext, RunLogEvent } from "@/lib/executors/types";

/** An ExecutorContext for tests, collecting what the executor emits. */
export function testContext(overrides: Partial<Omit<ExecutorContext, "agent">> & { agent?: Partial<ExecutorContext["agent"]> } = {}) {
  const events: RunLogEvent[] = [];
  const pids: number[] = [];
  const controller = new AbortController();
  const { agent, ...rest } = overrides;
  const ctx: ExecutorContext = {
    runId: "run-test",
    task: "do the thing",
    model: null,
    cwd: os.tmpdir(),
    provider: {},
    resumeSessionId: null,
    signal: controller.signal,
    emit: (e) => events.push(e),
    onSpawn: (pid) => pids.push(pid),
    ...rest,
    agent: { systemPrompt: "", tools: [], enableFileRead: true, enableFileWrite: true, enableNetwork: false, ...agent },
  };
  return { ctx, events, pids, controller };
}
