import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  APP_PORT,
  BASE_URL,
  E2E_DATA_DIR,
  E2E_OUTPUT_DIR,
  GOOGLE_ISSUER,
  GOOGLE_PORT,
  STRIPE_API_BASE,
  STRIPE_PORT,
  STRIPE_PRICE_PRO,
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
} from "./e2e/support/env";

/**
 * End-to-end tests: Debian's Chromium (never Playwright's own download) against
 * a production build (`scripts/e2e.sh` builds into .next-e2e first) started
 * here with `next start` on a fresh data folder, next to a loopback OpenID
 * Connect stand-in that plays Google and a loopback stand-in that plays
 * Stripe (API, checkout and portal pages, signed webhooks back to the app).
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: E2E_OUTPUT_DIR,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores: one browser worker per core; the server does bcrypt in between.
  workers: 2,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // Nobody can open a trace from CI's log; locally it shows what went wrong.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "setup",
      testMatch: /.*\.setup\.ts$/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
    },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts$/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
    },
  ],
  webServer: [
    {
      name: "Google stand-in",
      command: "npx tsx e2e/stand-ins/google-oidc.ts",
      env: { GOOGLE_STAND_IN_PORT: String(GOOGLE_PORT) },
      url: `${GOOGLE_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
    },
    {
      name: "Stripe stand-in",
      command: "npx tsx e2e/stand-ins/stripe.ts",
      env: { E2E_STRIPE_PORT: String(STRIPE_PORT), E2E_PORT: String(APP_PORT) },
      url: `${STRIPE_API_BASE}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
    },
    {
      name: "Switchboard",
      // A fresh DATA_DIR every run: the first account signed up (by the setup project) is the admin.
      command: `rm -rf "${E2E_DATA_DIR}" && npx next start -p ${APP_PORT}`,
      env: {
        NEXT_DIST_DIR: ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: E2E_DATA_DIR,
        // Empty means "unset" to lib/config.ts: the embedded database and a generated secret under DATA_DIR.
        DATABASE_URL: "",
        DATABASE_AUTH_TOKEN: "",
        AUTH_SECRET: "",
        AUTH_URL: BASE_URL,
        // As if behind a reverse proxy: each test picks its client address with
        // X-Forwarded-For (useOwnIp), so per-address sign-in and sign-up limits
        // hit only the test that provokes them. e2e/sign-in-guard.spec.ts starts
        // a server of its own without it.
        TRUST_PROXY: "1",
        AUTH_GOOGLE_ID: "switchboard-e2e",
        AUTH_GOOGLE_SECRET: "switchboard-e2e-secret",
        AUTH_GOOGLE_ISSUER: GOOGLE_ISSUER,
        // Billing on, against the Stripe stand-in.
        STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET,
        STRIPE_PRICE_PRO,
        STRIPE_API_BASE,
        // Conversations talk to a Claude Code stand-in CLI (it reads stand-in.json in the project folder).
        CLAUDE_CODE_BIN: path.resolve("tests/stand-ins/fake-claude.mjs"),
        // Web Push may go to the loopback push-service stand-in that e2e/push.spec.ts starts.
        PUSH_ALLOW_PRIVATE: "1",
        // e2e/links.spec.ts serves the pages it saves from loopback, which links otherwise refuse.
        LINKS_ALLOW_PRIVATE: "1",
      },
      url: `${BASE_URL}/sign-in`,
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});

function chromiumLaunchOptions() {
  return {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}

