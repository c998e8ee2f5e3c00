import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

/**
 * Every setting the app reads from its environment, validated once.
 * All are optional: with none set the app runs on its embedded defaults.
 */
const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: optional,
  DATABASE_URL: optional,
  DATABASE_AUTH_TOKEN: optional,
  AUTH_SECRET: optional,
  AUTH_URL: optional,
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  AUTH_GOOGLE_ISSUER: optional,
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_PRICE_PRO: optional,
  STRIPE_API_BASE: optional,
  PROJECT_ROOTS: optional,
  CLAUDE_CODE_BIN: optional,
  CODEX_BIN: optional,
  GEMINI_BIN: optional,
  OPENAI_BASE_URL: optional,
  OPENAI_API_KEY: optional,
  ANTHROPIC_BASE_URL: optional,
  ANTHROPIC_API_KEY: optional,
  WORKER: z.enum(["inline", "off"]).default("inline"),
  WORKTREE_TTL_HOURS: z.coerce.number().positive().default(72),
  SANDBOX: z.enum(["auto", "on", "off"]).default("auto"),
  TRUST_PROXY: z.enum(["0", "1", ""]).optional(),
  LIVE_NOTIFY_ADDRESS: z.union([z.ipv4(), z.ipv6()]).default("127.0.0.1"),
  MCP_ALLOW_PRIVATE: z.enum(["0", "1", ""]).optional(),
  VAPID_SUBJECT: optional.refine((v) => v === undefined || /^(mailto:\S+@\S+|https:\/\/\S+)$/.test(v), "must be a mailto: address or an https: URL"),
  PUSH_ALLOW_PRIVATE: z.enum(["0", "1", ""]).optional(),
  LINKS_ALLOW_PRIVATE: z.enum(["0", "1", ""]).optional(),
});

export type AppConfig = ReturnType<typeof loadConfig>;

function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR ?? "./data");
  return {
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "switchboard.db")}`,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    authUrl: e.AUTH_URL,
    /** A reverse proxy in front sets X-Forwarded-For/-Proto/-Host; without it those headers are anyone's and ignored. */
    trustProxy: e.TRUST_PROXY === "1",
    /** "Check" may call http/sse MCP servers on loopback and private addresses (off: a user could probe the server's network). */
    mcpAllowPrivate: e.MCP_ALLOW_PRIVATE === "1",
    /** Who sends our Web Push (the VAPID `sub` claim): push services contact it about problems. */
    vapidSubject: e.VAPID_SUBJECT ?? "mailto:switchboard@localhost",
    /** Web Push may go to http, loopback and private endpoints (tests' push-service stand-in); off: https to public addresses only. */
    pushAllowPrivate: e.PUSH_ALLOW_PRIVATE === "1",
    /** Saved links may be fetched from loopback and private addresses (off: a user could read the server's own network). */
    linksAllowPrivate: e.LINKS_ALLOW_PRIVATE === "1",
    google:
      e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET
        ? { clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET, issuer: e.AUTH_GOOGLE_ISSUER }
        : null,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET && e.STRIPE_PRICE_PRO
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            pricePro: e.STRIPE_PRICE_PRO,
            apiBase: e.STRIPE_API_BASE,
          }
        : null,
    projectRoots: (e.PROJECT_ROOTS ?? "").split(":").filter(Boolean).map((p) => path.resolve(p)),
    worker: e.WORKER,
    /** Attempt worktrees live here, outside every project's checkout. */
    worktreesDir: path.join(dataDir, "worktrees"),
    /** Finished attempts' worktrees are cleaned after this long (never with unmerged work unless discarded). */
    worktreeTtlMs: e.WORKTREE_TTL_HOURS * 60 * 60 * 1000,
    /** Uploaded images (task attachments), served only to their owner. */
    uploadsDir: path.join(dataDir, "uploads"),
    // Agent CLIs: undefined means "find it on PATH" (lib/executors picks the default name).
    claudeCodeBin: e.CLAUDE_CODE_BIN,
    codexBin: e.CODEX_BIN,
    geminiBin: e.GEMINI_BIN,
    // Server-wide provider defaults; a user's own keys from /settings/providers win.
    openaiBaseUrl: e.OPENAI_BASE_URL,
    openaiApiKey: e.OPENAI_API_KEY,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
    anthropicApiKey: e.ANTHROPIC_API_KEY,
    authSecretFromEnv: e.AUTH_SECRET,
    /** How agent processes are confined (lib/sandbox): auto, on (refuse to start without it) or off. */
    sandbox: e.SANDBOX,
    /** Each user's private HOME for agent CLIs (their logins and caches), never visible to another user. */
    homesDir: path.join(dataDir, "homes"),
    /** Where this web process takes live-output notifications (UDP) from workers (lib/runs/live-channel.ts). */
    liveNotifyAddress: e.LIVE_NOTIFY_ADDRESS,
  };
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** Where the database is, for db/client.ts (db/ reads no environment of its own). */
export function databaseSettings() {
  const { databaseUrl, databaseAuthToken } = config();
  return { url: databaseUrl, authToken: databaseAuthToken };
}

/** Tests point the app at a fresh data folder; forget what was read before. */
export function resetConfigForTests() {
  cached = undefined;
  secret = undefined;
}

export function ensureDataDir(): string {
  const dir = config().dataDir;
  // The database, secrets and every user's files: no other account on this machine may look in.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dir, 0o700); // one made before this release (or by hand) may be open to all
  } catch {
    // not ours to change (a mounted volume): the sandbox still keeps agents out
  }
  return dir;
}

let secret: string | undefined;

/**
 * AUTH_SECRET from the environment, or one generated on first start and kept
 * under DATA_DIR so sessions survive restarts and every process on this data
 * folder signs cookies the same way.
 */
export function authSecret(): string {
  if (secret) return secret;
  const fromEnv = config().authSecretFromEnv;
  if (fromEnv) return (secret = fromEnv);
  return (secret = keptSecret("auth-secret", () => crypto.randomBytes(32).toString("base64url")));
}

/**
 * A secret generated on first use and kept in `DATA_DIR/<file>` (0600), so it
 * survives restarts and every process on this data folder (web and workers)
 * uses the same one: `auth-secret`, `vapid-keys.json`.
 */
export function keptSecret(file: string, generate: () => string): string {
  const full = path.join(ensureDataDir(), file);
  try {
    const kept = fs.readFileSync(full, "utf8").trim();
    if (kept) return kept;
  } catch {
    // not there yet: generate below
  }
  const generated = generate();
  try {
    // "wx" fails if another process wrote it first; then we read theirs.
    fs.writeFileSync(full, generated + "\n", { flag: "wx", mode: 0o600 });
    return generated;
  } catch {
    return fs.readFileSync(full, "utf8").trim();
  }
}
