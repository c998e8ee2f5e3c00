import "server-only";
import type { ExecutorContext, ExecutorResult, RunLogEvent, UsageReport } from "./types";
import { exitError, spawnLines, StderrTail } from "./process";

/** What a CLI executor's stdout parser gives back. */
export interface CliOutputParser {
  parseLine(line: string): RunLogEvent[];
  /** Events still buffered when stdout ends (e.g. an unfinished line of streamed text). */
  flush?(): RunLogEvent[];
  summary(): { sessionId?: string | null; usage?: UsageReport; error?: string };
}

/**
 * Runs an agent CLI: spawns it in the project directory, feeds stdout lines to
 * its parser and stderr lines to the log, and turns the outcome into one
 * ExecutorResult (missing binary, cancellation, the CLI's own failure
 * report, non-zero exit: in that order of precedence).
 */
export async function runCli(
  ctx: ExecutorContext,
  opts: {
    name: string;
    command: string;
    args: string[];
    env?: Record<string, string | undefined>;
    parser: CliOutputParser;
    killGraceMs?: number;
    notFoundMessage: string;
  },
): Promise<ExecutorResult> {
  const tail = new StderrTail();
  const result = await spawnLines({
    command: opts.command,
    args: opts.args,
    cwd: ctx.cwd,
    env: opts.env,
    sandbox: ctx.sandbox,
    signal: ctx.signal,
    killGraceMs: opts.killGraceMs,
    onSpawn: ctx.onSpawn,
    onStdoutLine: (line) => opts.parser.parseLine(line).forEach((e) => ctx.emit(e)),
    onStderrLine: (text) => {
      tail.push(text);
      ctx.emit({ stream: "stderr", kind: "text", text });
    },
    notFoundMessage: opts.notFoundMessage,
  });
  opts.parser.flush?.().forEach((e) => ctx.emit(e));

  const summary = opts.parser.summary();
  const base = { usage: summary.usage, sessionId: summary.sessionId ?? null };
  if (result.error || result.cancelled) return { ...base, exitCode: result.exitCode, error: exitError(opts.name, result) };
  if (summary.error) return { ...base, exitCode: result.exitCode, error: summary.error };
  return { ...base, exitCode: result.exitCode, error: exitError(opts.name, result, tail) };
}

/** The sentence for a missing agent CLI, naming the variable that points at it. */
export function cliNotFound(name: string, envVar: string, configured: string | undefined, install: string): string {
  return configured
    ? `${name} not found at ${configured}: install it or fix ${envVar}`
    : `${name} not found: install it (${install}) or set ${envVar}`;
}
