import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { models } from "@/db/schema";
import { candidateNames, costOf, matchPrice, priceFor, SEED_MODEL_PRICES, seedModelPrices } from "./prices";

describe("seedModelPrices", () => {
  it("inserts the seed list once, is idempotent, and never overwrites an edited price", async () => {
    expect(await seedModelPrices()).toBe(SEED_MODEL_PRICES.length);
    const names = (await db().select({ name: models.name }).from(models)).map((r) => r.name).sort();
    expect(names).toEqual(SEED_MODEL_PRICES.map((m) => m.name).sort());
    expect(names).toEqual(expect.arrayContaining(["opus", "sonnet", "haiku", "claude-sonnet-4-5", "gpt-4.1", "gpt-4o-mini", "o3", "o4-mini"]));

    // An admin edits a price and removes one row; the next start restores only the missing row.
    await db().update(models).set({ inputPricePerMtok: 99, cacheReadPricePerMtok: null }).where(eq(models.name, "sonnet"));
    await db().delete(models).where(eq(models.name, "gpt-4o"));
    expect(await seedModelPrices()).toBe(1);
    expect(await seedModelPrices()).toBe(0);
    const [sonnet] = await db().select().from(models).where(eq(models.name, "sonnet"));
    expect(sonnet).toMatchObject({ inputPricePerMtok: 99, outputPricePerMtok: 15, cacheReadPricePerMtok: null });
    const [gpt4o] = await db().select().from(models).where(eq(models.name, "gpt-4o"));
    expect(gpt4o).toMatchObject({ provider: "openai", inputPricePerMtok: 2.5, outputPricePerMtok: 10, cacheReadPricePerMtok: 1.25 });
    expect(await db().$count(models)).toBe(SEED_MODEL_PRICES.length);
  });

  it("has unique, sane seed rows", () => {
    expect(new Set(SEED_MODEL_PRICES.map((m) => m.name)).size).toBe(SEED_MODEL_PRICES.length);
    for (const m of SEED_MODEL_PRICES) {
      expect(m.outputPricePerMtok, m.name).toBeGreaterThanOrEqual(m.inputPricePerMtok);
      if (m.cacheReadPricePerMtok !== null) expect(m.cacheReadPricePerMtok, m.name).toBeLessThan(m.inputPricePerMtok);
    }
  });
});

describe("priceFor", () => {
  it("finds the exact name, then dated, prefixed, tagged and dotted spellings, and nothing looser", async () => {
    await seedModelPrices();
    const cases: Record<string, string | null> = {
      sonnet: "sonnet",
      "claude-sonnet-4-5": "claude-sonnet-4-5",
      "claude-sonnet-4-5-20250929": "claude-sonnet-4-5",
      "Claude-Sonnet-4.5": "claude-sonnet-4-5",
      "anthropic/claude-opus-4.1": "claude-opus-4-1",
      "claude-opus-4-20250514": "claude-opus-4",
      "claude-opus-4-0": "claude-opus-4",
      "claude-sonnet-4-5[1m]": "claude-sonnet-4-5",
      "us.anthropic.claude-haiku-4-5-20251001-v1:0": "claude-haiku-4-5",
      "claude-haiku-4-5@20251001": "claude-haiku-4-5",
      "gpt-4o-2024-08-06": "gpt-4o",
      "gpt-4.1-mini-2025-04-14": "gpt-4.1-mini",
      "openai/gpt-5-mini": "gpt-5-mini",
      "o3-2025-04-16": "o3",
      "gpt-4o-mini": "gpt-4o-mini",
      // Unknown variants stay unpriced rather than borrowing a relative's price.
      "gpt-4.1-turbo": null,
      "claude-sonnet-5": null,
      "llama3.1:8b": null,
      "": null,
    };
    for (const [reported, expected] of Object.entries(cases)) {
      expect((await priceFor(reported))?.name ?? null, reported).toBe(expected);
    }
    expect(await priceFor(null)).toBeNull();
  });

  it("matchPrice and candidateNames are pure and most-specific-first", () => {
    expect(candidateNames("claude-sonnet-4-5-20250929")).toEqual(["claude-sonnet-4-5-20250929", "claude-sonnet-4-5"]);
    const list = [{ name: "claude-sonnet-4-5-20250929" }, { name: "claude-sonnet-4-5" }];
    expect(matchPrice("claude-sonnet-4-5-20250929", list)).toBe(list[0]);
    expect(matchPrice("gpt-5", list)).toBeNull();
  });
});

describe("costOf", () => {
  const sonnet = { inputPricePerMtok: 3, outputPricePerMtok: 15, cacheReadPricePerMtok: 0.3, cacheWritePricePerMtok: 3.75 };

  it("prices each kind of token per million", () => {
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, sonnet)).toBe(3);
    expect(costOf({ inputTokens: 2000, outputTokens: 1000, cacheReadTokens: 10_000, cacheWriteTokens: 4000 }, sonnet)).toBe(0.039);
    expect(costOf({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, sonnet)).toBe(0);
  });

  it("bills cache tokens as input when the model has no cache price", () => {
    const plain = { ...sonnet, cacheReadPricePerMtok: null, cacheWritePricePerMtok: null };
    expect(costOf({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 500_000, cacheWriteTokens: 500_000 }, plain)).toBe(3);
  });
});
