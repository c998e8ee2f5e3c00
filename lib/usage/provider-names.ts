/** How a provider key (lib/usage/providers.ts) is shown: the providers by name, any other host as it is. No "server-only": pages use it. */
const NAMES: Record<string, string> = { anthropic: "Anthropic", openai: "OpenAI", google: "Google" };

/** The provider's name, the host itself, or null for '' (runs with no provider: scripts). */
export function providerName(key: string): string | null {
  return key === "" ? null : (NAMES[key] ?? key);
}
