import path from "node:path";

/**
 * Where the end-to-end servers listen and keep their files. Everything is on
 * localhost (one host name everywhere, so cookies always match).
 */
export const APP_PORT = Number(process.env.E2E_PORT ?? 3210);
/** The other servers default to ports after APP_PORT, so setting E2E_PORT alone keeps two suites apart. */
export const GOOGLE_PORT = Number(process.env.E2E_GOOGLE_PORT ?? APP_PORT + 9);
export const BASE_URL = `http://localhost:${APP_PORT}`;
/**
 * A second app server, started by e2e/sign-in-guard.spec.ts itself with no
 * proxy configuration (TRUST_PROXY unset) and a data folder of its own.
 */
export const BARE_APP_PORT = Number(process.env.E2E_BARE_PORT ?? APP_PORT + 1);
/** The app started by e2e/backup.spec.ts on a DATA_DIR restored from a backup. */
export const RESTORED_APP_PORT = Number(process.env.E2E_RESTORED_PORT ?? APP_PORT + 2);
/** Exactly what the stand-in puts in `iss` (no trailing slash). */
export const GOOGLE_ISSUER = `http://localhost:${GOOGLE_PORT}`;

const root = path.resolve(__dirname, "..", "..");
/** Per port, so two suites on different ports (E2E_PORT) never share or wipe each other's files. */
const runDir = path.join(root, "test-results", `e2e-${APP_PORT}`);
/** A fresh DATA_DIR per run, under test-results/ (git-ignored). */
export const E2E_DATA_DIR = path.join(runDir, "data");
/** The admin's signed-in browser state, written by e2e/admin.setup.ts. */
export const ADMIN_STATE = path.join(runDir, "state", "admin.json");
/** Playwright's own output (traces, screenshots of failures). */
export const E2E_OUTPUT_DIR = path.join(runDir, "playwright");

/** The loopback Stripe stand-in (e2e/stand-ins/stripe.ts): API, checkout and portal pages. */
export const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? APP_PORT + 8);
/** 127.0.0.1, exactly where the stand-in listens (no IPv6 "localhost" surprise for Node's fetch). */
export const STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`;
/** Test-mode-looking values; the stand-in only accepts this key and signs webhooks with this secret. */
export const STRIPE_SECRET_KEY = "sk_test_switchboard_e2e";
export const STRIPE_WEBHOOK_SECRET = "whsec_switchboard_e2e";
export const STRIPE_PRICE_PRO = "price_switchboard_e2e_pro";
