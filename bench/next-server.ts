/**
 * What the benchmarks that measure the real app share: `next start` on a
 * production build over a benchmark's own DATA_DIR, and Debian's Chromium
 * signed in with a session cookie.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import type { Browser, BrowserContext } from "@playwright/test";

/** Starts `next start -p port` on the build in `distDir`; resolves once it says Ready. Stop it with `process.kill(-server.pid!)`. */
export async function startNextServer(port: number, distDir: string, env: Record<string, string>): Promise<ChildProcess> {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: see the commands at the top of the benchmark.`);
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    env: { ...process.env, NEXT_DIST_DIR: distDir, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Ready") && resolve());
    server.on("exit", (code) => reject(new Error(`next start exited with ${code}`)));
  });
  return server;
}

/** Chromium at 1280×900 with `sessionToken` as the session cookie for localhost. */
export async function signedInBrowser(sessionToken: string): Promise<{ browser: Browser; context: BrowserContext }> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "authjs.session-token", value: sessionToken, domain: "localhost", path: "/" }]);
  return { browser, context };
}
