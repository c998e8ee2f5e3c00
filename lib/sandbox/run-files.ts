import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { SANDBOX_FILES_DIR } from "./spec";

/**
 * Private files for one process (SandboxSpec.files, or the same files for an
 * unconfined process): a folder of its own under DATA_DIR/sandbox/runs (0700,
 * a random name), each file 0600, written without following links. `remove()`
 * deletes the folder, so secrets decrypted into these files (MCP server env
 * and headers) do not outlive the process.
 */
export type RunFiles = {
  /** Host file for each requested path, in order. */
  files: Array<{ host: string; path: string }>;
  remove(): void;
};

const NAME = /^[A-Za-z0-9._-]+$/;

/** Refuses a path that is not a plain file name under /run/switchboard/ (a programming error). */
export function assertRunFilePath(file: string): void {
  const name = file.startsWith(`${SANDBOX_FILES_DIR}/`) ? file.slice(SANDBOX_FILES_DIR.length + 1) : "";
  if (!NAME.test(name) || name === "." || name === "..") throw new Error(`A sandbox file must be ${SANDBOX_FILES_DIR}/<name>: ${file}`);
}

export function writeRunFiles(files: ReadonlyArray<{ path: string; content: string }>): RunFiles {
  for (const file of files) assertRunFilePath(file.path);
  const parent = path.join(config().dataDir, "sandbox", "runs");
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const dir = path.join(parent, crypto.randomBytes(12).toString("hex"));
  fs.mkdirSync(dir, { mode: 0o700 });
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const written = files.map((file) => {
      const host = path.join(dir, path.basename(file.path));
      // O_EXCL | O_NOFOLLOW: a fresh file in a fresh private folder, never through a link.
      const fd = fs.openSync(host, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
      try {
        fs.writeFileSync(fd, file.content);
      } finally {
        fs.closeSync(fd);
      }
      return { host, path: file.path };
    });
    return { files: written, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
