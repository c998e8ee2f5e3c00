import "server-only";

/**
 * Which base URL and key an HTTP executor (or a CLI that talks to a provider)
 * uses. ExecutorContext.provider carries the user's own settings from
 * /settings/providers, already decrypted. The server-wide default key is used
 * only with the server-wide base URL: a key the admin configured is never
 * sent to a base URL a user typed in.
 */
export function resolveProvider(
  own: { apiKey?: string; baseUrl?: string },
  server: { apiKey?: string; baseUrl?: string },
  fallbackBaseUrl: string,
): { baseUrl: string; apiKey: string | undefined; keyFromServer: boolean } {
  const ownBase = own.baseUrl?.trim();
  const ownKey = own.apiKey?.trim() || undefined;
  if (ownBase) return { baseUrl: trimSlash(ownBase), apiKey: ownKey, keyFromServer: false };
  const serverKey = server.apiKey?.trim() || undefined;
  return {
    baseUrl: trimSlash(server.baseUrl?.trim() || fallbackBaseUrl),
    apiKey: ownKey ?? serverKey,
    keyFromServer: !ownKey && !!serverKey,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** True for the provider's own hosted API, where a request without a key can only fail. */
export function isHost(baseUrl: string, host: string): boolean {
  try {
    return new URL(baseUrl).hostname === host;
  } catch {
    return false;
  }
}
