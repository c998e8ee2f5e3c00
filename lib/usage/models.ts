import "server-only";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/audit";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { models } from "@/db/schema";
import { LocalizedError, keyTexts } from "@/lib/i18n/localized-error";
import { nowIso } from "@/lib/domain/ids";
import { fieldErrors } from "@/lib/validation";
import { matchPrice } from "./prices";
import { allRows, usageSource } from "./rollups";
import { DAY_MS } from "./range";

// ------------------------------------------------------------------ schemas
// Messages are i18n keys (lib/i18n/messages/usage.ts): admin forms translate them.

/** The most a price may be, per million tokens: well above any real model, low enough to catch a slip of the keyboard. */
export const MAX_PRICE_PER_MTOK = 10_000;
export const MODEL_PROVIDERS = ["anthropic", "openai", "google", "other"] as const;

// Form fields arrive as strings: "" means "not given"; anything but a plain decimal is not a number.
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const toNumber = (v: unknown) => {
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  return DECIMAL.test(s) ? Number(s) : s;
};

const price = z
  .number({ error: (issue) => (issue.input === undefined ? "errors.required" : "usage.models.error.number") })
  .min(0, { error: "usage.models.error.negative" })
  .max(MAX_PRICE_PER_MTOK, { error: "usage.models.error.tooHigh" });

const requiredPrice = z.preprocess(toNumber, price);
const optionalPrice = z.preprocess((v) => toNumber(v) ?? null, price.nullable());

/** Prices of one model, USD per million tokens; an empty cache price bills those tokens as ordinary input. */
export const modelPriceSchema = z.object({
  inputPricePerMtok: requiredPrice,
  outputPricePerMtok: requiredPrice,
  cacheReadPricePerMtok: optionalPrice,
  cacheWritePricePerMtok: optionalPrice,
});

export const newModelSchema = modelPriceSchema.extend({
  name: z
    .string({ error: "errors.required" })
    .trim()
    .toLowerCase()
    .min(1, { error: "errors.required" })
    .max(100, { error: "errors.tooLong" })
    .regex(/^[a-z0-9][a-z0-9._:/@[\]-]*$/, { error: "usage.models.error.name" }),
  provider: z.enum(MODEL_PROVIDERS, { error: "usage.models.error.provider" }),
});

/** What callers pass: numbers, or the strings of a form ("" for an empty cache price). */
type PriceValue = number | string | null | undefined;
export type ModelPriceInput = {
  inputPricePerMtok: PriceValue;
  outputPricePerMtok: PriceValue;
  cacheReadPricePerMtok?: PriceValue;
  cacheWritePricePerMtok?: PriceValue;
};
export type NewModelInput = ModelPriceInput & { name: string; provider: string };

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LocalizedError("validation", { key: "errors.checkFields" }, keyTexts(fieldErrors(parsed.error)));
  return parsed.data;
}

// ------------------------------------------------------------------ queries

/** The price list, by provider then name. Prices are public knowledge; editing them is for admins. */
export async function listModels() {
  return db().select().from(models).orderBy(asc(models.provider), asc(models.name));
}

/** Admins only: sets a model's prices. Runs already recorded keep the cost they were given. */
export async function updateModelPrice(actor: Actor, id: string, prices: ModelPriceInput) {
  await assertAdmin(actor);
  const values = parse(modelPriceSchema, prices);
  const [row] = await db()
    .update(models)
    .set({ ...values, updatedAt: nowIso() })
    .where(eq(models.id, id))
    .returning();
  if (!row) throw new LocalizedError("not_found", { key: "usage.models.error.notFound" });
  await recordAudit({ action: "admin.model_price_changed", actorId: actor.id, detail: { model: row.name, ...values } });
  return row;
}

/** Admins only: prices a model the list does not have yet; a name already listed is a conflict. */
export async function addModelPrice(actor: Actor, input: NewModelInput) {
  await assertAdmin(actor);
  const values = parse(newModelSchema, input);
  const [row] = await db().insert(models).values(values).onConflictDoNothing({ target: models.name }).returning();
  if (!row) throw new LocalizedError("conflict", { key: "usage.models.error.nameTaken" }, { name: { key: "usage.models.error.nameTaken" } });
  await recordAudit({ action: "admin.model_added", actorId: actor.id, detail: { ...values } });
  return row;
}

/**
 * Admins only: models that runs used in the last `days` days which have no
 * price, so their runs were recorded at $0 unless the provider reported a
 * cost. Most used first.
 */
export async function unpricedModels(actor: Actor, days = 90) {
  await assertAdmin(actor);
  const since = new Date(Date.now() - days * DAY_MS).toISOString();
  const [used, list] = await Promise.all([
    allRows<{ model: string; runs: number }>(sql`SELECT key AS "model", sum(records) AS "runs"
      FROM (${usageSource({ all: true }, { from: since, to: new Date(Date.now() + 1).toISOString() }, "model")})
      GROUP BY key HAVING sum(records) > 0 ORDER BY sum(records) DESC, key`),
    db().select({ name: models.name }).from(models),
  ]);
  return used.filter((u) => u.model !== "unknown" && !matchPrice(u.model, list));
}
