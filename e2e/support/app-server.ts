import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Another `next start` of the e2e build (.next-e2e) for a spec that needs a
 * server configured unlike the suite's: its own port, its own fresh
 * DATA_DIR, listening on 127.0.0.1 only (so every browser reaches it from
 * that one address), known as localhost like the suite's server (Auth.js
 * builds its redirects on one host name; cookies must follow).
 * `env` adds to (or, with "", unsets) variables. With `dataDir`, it starts on
 * that folder as it is (a restored backup), instead of a fresh one.
 */
export type AppServer = { url: string; stop: () => Promise<void> };

const root = path.resolve(__dirname, "..", "..");

export async function startAppServer(port: number, env: Record<string, string>, options: { dataDir?: string } = {}): Promise<AppServer> {
  const dataDir = options.dataDir ?? path.join(root, "test-results", `e2e-${port}`, "data");
  if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  const url = `http://localhost:${port}`;
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      DATABASE_AUTH_TOKEN: "",
      AUTH_SECRET: "",
      AUTH_URL: url,
      TRUST_PROXY: "",
      AUTH_GOOGLE_ID: "",
      AUTH_GOOGLE_SECRET: "",
      STRIPE_SECRET_KEY: "",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, so stop() ends next and its children
  });
  const stop = () => stopProcess(child);
  try {
    await waitForReady(`http://127.0.0.1:${port}/sign-in`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitForReady(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(-child.pid!, "SIGTERM");
  });
}
