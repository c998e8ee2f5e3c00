import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { providerKeys } from "@/db/schema";
import { PROVIDERS, type Provider } from "@/lib/domain";
import { config } from "@/lib/config";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { ANTHROPIC_DEFAULT_BASE_URL } from "@/lib/executors/anthropic";
import { OPENAI_DEFAULT_BASE_URL } from "@/lib/executors/openai-compatible";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { nowIso } from "@/lib/domain/ids";

/**
 * A user's own provider settings (/settings/providers): a base URL and an API
 * key per provider, which runs use before the server-wide OPENAI_* and
 * ANTHROPIC_* defaults (lib/runs/execute.ts asks providerCredentials for them;
 * lib/executors/provider.ts decides what wins).
 *
 * Keys are kept encrypted with encryptSecret and never leave the server: what
 * the app shows is whether one is saved and its last four characters.
 */

export { PROVIDERS, type Provider };

export const MAX_BASE_URL_LENGTH = 500;
export const MAX_API_KEY_LENGTH = 500;
/** Shorter keys get no hint: four characters would give away too much of them. */
const MIN_KEY_LENGTH_FOR_HINT = 12;

/** What the app may know about one provider's settings: never the key or its ciphertext. */
export type ProviderSettings = {
  provider: Provider;
  baseUrl: string | null;
  hasKey: boolean;
  /** "…abcd": the key's last four characters, or null (no key, a short key, or one that can no longer be decrypted). */
  keyHint: string | null;
  /** A key is saved but cannot be decrypted (AUTH_SECRET changed since): the user should enter it again. */
  keyUnreadable: boolean;
  /** When the settings were last saved; null when there are none. */
  updatedAt: string | null;
};

/**
 * What a run uses of the user's settings for `provider`: the decrypted key and
 * the base URL, or {} when none are saved. The one place a key is decrypted;
 * a key that no longer decrypts throws (the run fails saying so).
 */
export async function providerCredentials(userId: string, provider: Provider): Promise<{ apiKey?: string; baseUrl?: string }> {
  const [row] = await db()
    .select({ encryptedKey: providerKeys.encryptedKey, baseUrl: providerKeys.baseUrl })
    .from(providerKeys)
    .where(and(eq(providerKeys.userId, userId), eq(providerKeys.provider, provider)))
    .limit(1);
  if (!row) return {};
  return { apiKey: row.encryptedKey ? decryptSecret(row.encryptedKey) : undefined, baseUrl: row.baseUrl ?? undefined };
}

function refuse(field: "baseUrl" | "apiKey", key: string, vars?: Record<string, string | number>): never {
  const text = { key, vars };
  throw new LocalizedError("validation", text, { [field]: text });
}

/**
 * A base URL as stored: trimmed, an http(s) URL without credentials, query or
 * fragment (executors append paths such as /chat/completions to it), with no
 * trailing slash. Empty means "none" (null).
 */
export function normalizeBaseUrl(raw: string | null | undefined): string | null {
  const value = (raw ?? "").trim();
  if (!value) return null;
  if (value.length > MAX_BASE_URL_LENGTH) refuse("baseUrl", "settings.providers.error.baseUrlTooLong", { max: MAX_BASE_URL_LENGTH });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    refuse("baseUrl", "settings.providers.error.baseUrlInvalid");
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) refuse("baseUrl", "settings.providers.error.baseUrlInvalid");
  if (url.username || url.password) refuse("baseUrl", "settings.providers.error.baseUrlCredentials");
  if (url.search || url.hash || value.includes("?") || value.includes("#")) refuse("baseUrl", "settings.providers.error.baseUrlQuery");
  const normalized = url.href.replace(/\/+$/, "");
  if (normalized.length > MAX_BASE_URL_LENGTH) refuse("baseUrl", "settings.providers.error.baseUrlTooLong", { max: MAX_BASE_URL_LENGTH });
  return normalized;
}

/** An API key as given, trimmed; empty means "none". It goes into an HTTP header, so only visible ASCII. */
export function normalizeApiKey(raw: string | null | undefined): string | null {
  const value = (raw ?? "").trim();
  if (!value) return null;
  if (value.length > MAX_API_KEY_LENGTH) refuse("apiKey", "settings.providers.error.apiKeyTooLong", { max: MAX_API_KEY_LENGTH });
  if (!/^[\x21-\x7e]+$/.test(value)) refuse("apiKey", "settings.providers.error.apiKeyCharacters");
  return value;
}

function describe(row: { provider: Provider; baseUrl: string | null; encryptedKey: string | null; updatedAt: string } | undefined, provider: Provider): ProviderSettings {
  if (!row) return { provider, baseUrl: null, hasKey: false, keyHint: null, keyUnreadable: false, updatedAt: null };
  let keyHint: string | null = null;
  let keyUnreadable = false;
  if (row.encryptedKey) {
    try {
      const plain = decryptSecret(row.encryptedKey);
      if (plain.length >= MIN_KEY_LENGTH_FOR_HINT) keyHint = `…${plain.slice(-4)}`;
    } catch {
      keyUnreadable = true;
    }
  }
  return { provider, baseUrl: row.baseUrl, hasKey: !!row.encryptedKey, keyHint, keyUnreadable, updatedAt: row.updatedAt };
}

const settingsColumns = {
  provider: providerKeys.provider,
  baseUrl: providerKeys.baseUrl,
  encryptedKey: providerKeys.encryptedKey,
  updatedAt: providerKeys.updatedAt,
};

/** The user's settings for every provider, in PROVIDERS order (a provider with none saved is all empty). */
export async function listProviderSettings(userId: string): Promise<ProviderSettings[]> {
  const rows = await db().select(settingsColumns).from(providerKeys).where(eq(providerKeys.userId, userId));
  return PROVIDERS.map((provider) => describe(rows.find((r) => r.provider === provider), provider));
}

export async function getProviderSettings(userId: string, provider: Provider): Promise<ProviderSettings> {
  const [row] = await db()
    .select(settingsColumns)
    .from(providerKeys)
    .where(and(eq(providerKeys.userId, userId), eq(providerKeys.provider, provider)))
    .limit(1);
  return describe(row, provider);
}

/**
 * Saves (upserts) the user's settings for one provider.
 *  - `baseUrl`: undefined leaves the saved one as it is; null or "" clears it.
 *  - `apiKey`: a non-empty value replaces the saved key (encrypted). Left empty,
 *    `keepKey` keeps the saved key; without it the key is cleared.
 * Settings left with neither a base URL nor a key are deleted, so runs fall
 * back to the server defaults exactly as if nothing had been saved.
 * Throws a LocalizedError (validation, with a field message) for a bad value.
 */
export async function saveProviderSettings(
  userId: string,
  provider: Provider,
  input: { baseUrl?: string | null; apiKey?: string | null; keepKey?: boolean },
): Promise<ProviderSettings> {
  if (!PROVIDERS.includes(provider)) throw new LocalizedError("validation", { key: "settings.providers.error.provider" });
  const baseUrl = input.baseUrl === undefined ? undefined : normalizeBaseUrl(input.baseUrl);
  const apiKey = normalizeApiKey(input.apiKey);
  const encryptedKey = apiKey ? encryptSecret(apiKey) : null;
  const keepStoredKey = !apiKey && !!input.keepKey;
  const mine = and(eq(providerKeys.userId, userId), eq(providerKeys.provider, provider));

  // One transaction: the upsert, then dropping the row if it ended up empty.
  await db().batch([
    db()
      .insert(providerKeys)
      .values({ userId, provider, baseUrl: baseUrl ?? null, encryptedKey })
      .onConflictDoUpdate({
        target: [providerKeys.userId, providerKeys.provider],
        set: {
          ...(baseUrl === undefined ? {} : { baseUrl }),
          ...(keepStoredKey ? {} : { encryptedKey }),
          updatedAt: nowIso(),
        },
      }),
    db().delete(providerKeys).where(and(mine, isNull(providerKeys.baseUrl), isNull(providerKeys.encryptedKey))),
  ]);
  // Never the key itself: only what changed.
  await recordAudit({ action: "provider_key.saved", actorId: userId, targetUserId: userId, detail: { provider, keyChanged: !keepStoredKey } });
  return getProviderSettings(userId, provider);
}

/** Deletes the user's settings for one provider; true when there were some. */
export async function removeProviderSettings(userId: string, provider: Provider): Promise<boolean> {
  const removed = await db()
    .delete(providerKeys)
    .where(and(eq(providerKeys.userId, userId), eq(providerKeys.provider, provider)))
    .returning({ id: providerKeys.id });
  if (removed.length > 0) await recordAudit({ action: "provider_key.removed", actorId: userId, targetUserId: userId, detail: { provider } });
  return removed.length > 0;
}

/** A URL for display: without any user:password part. */
function displayUrl(value: string): string {
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    return url.href.replace(/\/+$/, "");
  } catch {
    return value;
  }
}

/**
 * What the server itself provides per provider, for the settings page: the
 * base URL runs use when the user sets none, and whether a server-wide key
 * exists (never the key).
 */
export function providerServerDefaults(): Record<Provider, { baseUrl: string; hasKey: boolean }> {
  const cfg = config();
  return {
    openai: { baseUrl: displayUrl(cfg.openaiBaseUrl ?? OPENAI_DEFAULT_BASE_URL), hasKey: !!cfg.openaiApiKey },
    anthropic: { baseUrl: displayUrl(cfg.anthropicBaseUrl ?? ANTHROPIC_DEFAULT_BASE_URL), hasKey: !!cfg.anthropicApiKey },
  };
}
