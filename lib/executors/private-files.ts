import "server-only";
import { writeRunFiles } from "@/lib/sandbox/run-files";
import { SANDBOX_FILES_DIR, type SandboxSpec } from "@/lib/sandbox/spec";

/**
 * Files an agent CLI is pointed at (an MCP config, a settings file). Confined, they go into the
 * sandbox spec (`files`) and exist only in the run's view, at /run/switchboard/<name>, until it
 * ends. Unconfined (SANDBOX=off, or an admin without a sandbox), the same private host files are
 * passed by their host path and removed by `done()`.
 */
export function placePrivateFiles(
  sandbox: SandboxSpec | null,
  files: Array<{ name: string; content: string }>,
): { paths: string[]; sandbox: SandboxSpec | null; done(): void } {
  const wanted = files.map((f) => ({ path: `${SANDBOX_FILES_DIR}/${f.name}`, content: f.content }));
  if (files.length === 0) return { paths: [], sandbox, done() {} };
  if (sandbox) {
    return { paths: wanted.map((f) => f.path), sandbox: { ...sandbox, files: [...(sandbox.files ?? []), ...wanted] }, done() {} };
  }
  const written = writeRunFiles(wanted);
  return { paths: written.files.map((f) => f.host), sandbox, done: written.remove };
}
