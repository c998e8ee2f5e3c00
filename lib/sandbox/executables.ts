import "server-only";
import fs from "node:fs";
import path from "node:path";

/** True when `file` is a regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Where `command` resolves in `dirs` (the PATH a sandboxed process gets), or
 * null. A command with a slash is taken as a path. Resolving on the host
 * first lets a missing CLI fail with its own clear message rather than a
 * sandbox's "execvp: No such file or directory".
 */
export function findExecutable(command: string, dirs: readonly string[]): string | null {
  if (command.includes("/")) return isExecutable(command) ? path.resolve(command) : null;
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The folders of the server's own PATH. */
export function serverPathDirs(): string[] {
  // Reading PATH to find programs, not configuration (see lib/config.ts for settings).
  return (process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin").split(":").filter((d) => path.isAbsolute(d));
}
