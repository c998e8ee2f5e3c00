import "server-only";
import { inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { models, type Model } from "@/db/schema";

/** USD per million tokens. A null cache price means "billed as ordinary input". */
export type ModelPrice = {
  inputPricePerMtok: number;
  outputPricePerMtok: number;
  cacheReadPricePerMtok: number | null;
  cacheWritePricePerMtok: number | null;
};

export type SeedModel = ModelPrice & { provider: string; name: string };

/** Token counts as executors report them: input excludes cache reads and writes (Anthropic style). */
export type TokenCounts = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

const anthropic = (name: string, input: number, output: number, cacheRead: number, cacheWrite: number): SeedModel => ({
  provider: "anthropic",
  name,
  inputPricePerMtok: input,
  outputPricePerMtok: output,
  cacheReadPricePerMtok: cacheRead,
  cacheWritePricePerMtok: cacheWrite,
});

// OpenAI bills cached input at a discount and does not bill cache writes: null falls back to the input price.
const openai = (name: string, input: number, output: number, cachedInput: number): SeedModel => ({
  provider: "openai",
  name,
  inputPricePerMtok: input,
  outputPricePerMtok: output,
  cacheReadPricePerMtok: cachedInput,
  cacheWritePricePerMtok: null,
});

/**
 * The price list a new installation starts with, standard (non-batch) list
 * prices in USD per million tokens, checked on 2026-11-23 against:
 * - Anthropic: https://platform.claude.com/docs/en/about-claude/pricing
 *   ("Model pricing": base input, 5-minute cache writes, cache hits, output).
 *   Long-context surcharges (Sonnet 4/4.5 above 200K input tokens) and
 *   1-hour cache writes are not modelled: runs are priced at the base rates.
 * - OpenAI: https://developers.openai.com/api/docs/pricing (standard tier:
 *   input, cached input, output), cross-checked with the models.dev catalog.
 *
 * Only used when an executor reports tokens but no cost (the Anthropic,
 * OpenAI-compatible, Codex and Gemini executors; Claude Code reports its own
 * cost). "opus", "sonnet" and "haiku" are Claude Code's aliases, which the
 * CLI resolves to its newest model of that family; they carry the 4.x
 * family prices here. Admins edit these at /admin/models, and a seeded row
 * is never overwritten, so an edit survives restarts and upgrades.
 */
export const SEED_MODEL_PRICES: readonly SeedModel[] = [
  // Claude Opus 4.5 and later: $5 / $25
  anthropic("claude-opus-4-8", 5, 25, 0.5, 6.25),
  anthropic("claude-opus-4-7", 5, 25, 0.5, 6.25),
  anthropic("claude-opus-4-6", 5, 25, 0.5, 6.25),
  anthropic("claude-opus-4-5", 5, 25, 0.5, 6.25),
  // Claude Opus 4 and 4.1: $15 / $75
  anthropic("claude-opus-4-1", 15, 75, 1.5, 18.75),
  anthropic("claude-opus-4", 15, 75, 1.5, 18.75),
  anthropic("claude-sonnet-4-6", 3, 15, 0.3, 3.75),
  anthropic("claude-sonnet-4-5", 3, 15, 0.3, 3.75),
  anthropic("claude-sonnet-4", 3, 15, 0.3, 3.75),
  anthropic("claude-haiku-4-5", 1, 5, 0.1, 1.25),
  anthropic("opus", 5, 25, 0.5, 6.25),
  anthropic("sonnet", 3, 15, 0.3, 3.75),
  anthropic("haiku", 1, 5, 0.1, 1.25),

  openai("gpt-5.1", 1.25, 10, 0.125),
  openai("gpt-5", 1.25, 10, 0.125),
  openai("gpt-5-codex", 1.25, 10, 0.125),
  openai("gpt-5-mini", 0.25, 2, 0.025),
  openai("gpt-5-nano", 0.05, 0.4, 0.005),
  openai("gpt-4.1", 2, 8, 0.5),
  openai("gpt-4.1-mini", 0.4, 1.6, 0.1),
  openai("gpt-4.1-nano", 0.1, 0.4, 0.025),
  openai("gpt-4o", 2.5, 10, 1.25),
  openai("gpt-4o-mini", 0.15, 0.6, 0.075),
  openai("o3", 2, 8, 0.5),
  openai("o4-mini", 1.1, 4.4, 0.275),
];

/**
 * Adds the seed prices that are missing; never touches an existing row, so
 * an admin's edit stands. Idempotent: call it at every start. Returns how
 * many rows it added.
 */
export async function seedModelPrices(): Promise<number> {
  const added = await db()
    .insert(models)
    .values(SEED_MODEL_PRICES.map((m) => ({ ...m })))
    .onConflictDoNothing({ target: models.name })
    .returning({ id: models.id });
  return added.length;
}

/**
 * The names a reported model may be listed under, most specific first:
 * the name itself, then without a provider prefix ("anthropic/", Bedrock's
 * "us.anthropic."), a context tag ("[1m]"), a version or date suffix
 * ("-20250929", "@20250929", "-2024-08-06", "-v1:0", "-latest"), and with
 * Claude's dotted versions spelled the API's way ("claude-sonnet-4.5" →
 * "claude-sonnet-4-5", "claude-opus-4-0" → "claude-opus-4").
 * Deliberately no looser prefix match: "gpt-4.1-nano" must not be priced as
 * "gpt-4.1", so an unknown variant stays unpriced until an admin adds it.
 */
export function candidateNames(reported: string): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (name && !names.includes(name)) names.push(name);
  };
  let name = reported.trim().toLowerCase();
  add(name);
  name = name.replace(/^.*\//, "").replace(/^(?:[a-z]{2,4}\.)?anthropic\./, "");
  add(name);
  name = name.replace(/\[[^\]]*\]$/, "");
  add(name);
  name = name
    .replace(/-v\d+(?::\d+)?$/, "")
    .replace(/@\d{8}$/, "")
    .replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, "");
  add(name);
  if (name.startsWith("claude-")) {
    name = name.replace(/(\d)\.(\d)/g, "$1-$2");
    add(name);
    add(name.replace(/^(claude-[a-z]+-\d+)-0$/, "$1"));
  }
  return names;
}

/** The price of a reported model among `list`, or null when it has none. Pure; see candidateNames. */
export function matchPrice<T extends { name: string }>(reported: string, list: readonly T[]): T | null {
  const byName = new Map(list.map((row) => [row.name.toLowerCase(), row]));
  for (const name of candidateNames(reported)) {
    const row = byName.get(name);
    if (row) return row;
  }
  return null;
}

/** The models-table row that prices `modelName` (exact name first, then its normalised forms), or null. */
export async function priceFor(modelName: string | null | undefined): Promise<Model | null> {
  if (!modelName?.trim()) return null;
  const names = candidateNames(modelName);
  const rows = await db().select().from(models).where(inArray(sql`lower(${models.name})`, names));
  return matchPrice(modelName, rows);
}

/** USD for these tokens at this price. A missing cache price bills those tokens as ordinary input. */
export function costOf(usage: TokenCounts, price: ModelPrice): number {
  const micro =
    usage.inputTokens * price.inputPricePerMtok +
    usage.outputTokens * price.outputPricePerMtok +
    usage.cacheReadTokens * (price.cacheReadPricePerMtok ?? price.inputPricePerMtok) +
    usage.cacheWriteTokens * (price.cacheWritePricePerMtok ?? price.inputPricePerMtok);
  return roundUsd(micro / 1_000_000);
}

/** Costs are kept to a millionth of a dollar, which also hides float noise (0.1 + 0.2, or -1e-18 left in a rollup). */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6 || 0;
}
