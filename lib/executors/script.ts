import "server-only";
import type { Executor, ExecutorContext, ExecutorResult } from "./types";
import { spawnLines } from "./process";

/**
 * `script`: the task is a bash command run in the project directory (setup
 * scripts, and the offline default that needs no key). Output is passed
 * through line by line, stdout and stderr kept apart.
 */
export function createScriptExecutor(options: { killGraceMs?: number; bash?: string } = {}): Executor {
  return {
    id: "script",
    async run(ctx: ExecutorContext): Promise<ExecutorResult> {
      const result = await spawnLines({
        command: options.bash ?? "bash",
        args: ["-c", ctx.task],
        cwd: ctx.cwd,
        env: ctx.env,
        sandbox: ctx.sandbox,
        signal: ctx.signal,
        killGraceMs: options.killGraceMs,
        onSpawn: ctx.onSpawn,
        onStdoutLine: (text) => ctx.emit({ stream: "stdout", kind: "text", text }),
        onStderrLine: (text) => ctx.emit({ stream: "stderr", kind: "text", text }),
        notFoundMessage: "bash not found: the script executor needs bash on the server's PATH",
      });
      if (result.error) return { exitCode: null, error: result.error };
      if (result.cancelled) return { exitCode: result.exitCode, error: "Cancelled." };
      if (result.exitCode === 0) return { exitCode: 0 };
      if (result.exitCode !== null) return { exitCode: result.exitCode, error: `Exited with code ${result.exitCode}` };
      return { exitCode: null, error: `Killed by ${result.signal ?? "a signal"}` };
    },
  };
}

export const scriptExecutor = createScriptExecutor();
