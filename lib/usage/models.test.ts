import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { models, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/users";
import { addModelPrice, listModels, unpricedModels, updateModelPrice } from "./models";
import { seedModelPrices } from "./prices";
import { addProject, usedAt } from "./test-helpers";

let admin: { id: string };
let user: { id: string };

beforeAll(async () => {
  // The first account on a fresh database is the admin.
  admin = (await createUser({ email: "models-admin@example.test" }))!;
  user = (await createUser({ email: "models-user@example.test" }))!;
  await seedModelPrices();
});

async function sonnet() {
  const [row] = await db().select().from(models).where(eq(models.name, "sonnet"));
  return row!;
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("updateModelPrice", () => {
  it("lets an admin change a model's prices, from numbers or form strings", async () => {
    await db().update(models).set({ updatedAt: "2000-01-01T00:00:00.000Z" }).where(eq(models.name, "sonnet"));
    const before = await sonnet();
    const updated = await updateModelPrice(admin, before.id, {
      inputPricePerMtok: "2.5",
      outputPricePerMtok: 12,
      cacheReadPricePerMtok: "",
      cacheWritePricePerMtok: " 4 ",
    });
    expect(updated).toMatchObject({ inputPricePerMtok: 2.5, outputPricePerMtok: 12, cacheReadPricePerMtok: null, cacheWritePricePerMtok: 4 });
    expect(updated.updatedAt > before.updatedAt).toBe(true);
    expect(await sonnet()).toMatchObject({ inputPricePerMtok: 2.5 });
  });

  it("refuses non-admins as not found, and leaves the price alone", async () => {
    const before = await sonnet();
    const error = await failure(updateModelPrice(user, before.id, { inputPricePerMtok: 0, outputPricePerMtok: 0 }));
    expect(error.code).toBe("not_found");
    expect(await failure(updateModelPrice({ id: "nobody" }, before.id, { inputPricePerMtok: 0, outputPricePerMtok: 0 }))).toMatchObject({
      code: "not_found",
    });
    expect(await sonnet()).toEqual(before);
  });

  it("refuses a disabled admin", async () => {
    const other = (await createUser({ email: "models-disabled@example.test" }))!;
    await db().update(users).set({ role: "admin", disabledAt: new Date().toISOString() }).where(eq(users.id, other.id));
    const before = await sonnet();
    expect((await failure(updateModelPrice(other, before.id, { inputPricePerMtok: 1, outputPricePerMtok: 1 }))).code).toBe("not_found");
  });

  it("validates every price: required, a plain number, not negative, at most 10,000", async () => {
    const { id } = await sonnet();
    const error = await failure(
      updateModelPrice(admin, id, {
        inputPricePerMtok: "",
        outputPricePerMtok: "1,5",
        cacheReadPricePerMtok: -1,
        cacheWritePricePerMtok: 10_001,
      }),
    );
    expect(error.code).toBe("validation");
    expect(error).toMatchObject({
      fieldTexts: {
        inputPricePerMtok: { key: "errors.required" },
        outputPricePerMtok: { key: "usage.models.error.number" },
        cacheReadPricePerMtok: { key: "usage.models.error.negative" },
        cacheWritePricePerMtok: { key: "usage.models.error.tooHigh" },
      },
    });
    const negative = await failure(updateModelPrice(admin, id, { inputPricePerMtok: "-3", outputPricePerMtok: 1 }));
    expect(negative).toMatchObject({ fieldTexts: { inputPricePerMtok: { key: "usage.models.error.negative" } } });
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, "1e3", "abc", "--1"]) {
      const e = await failure(updateModelPrice(admin, id, { inputPricePerMtok: bad, outputPricePerMtok: 1 }));
      expect(e.fields, String(bad)).toHaveProperty("inputPricePerMtok");
    }
  });

  it("answers not found for an unknown model id", async () => {
    expect((await failure(updateModelPrice(admin, "no-such-id", { inputPricePerMtok: 1, outputPricePerMtok: 1 }))).code).toBe("not_found");
  });
});

describe("addModelPrice", () => {
  it("adds a model for admins only, lower-cased, and refuses a name already listed", async () => {
    expect((await failure(addModelPrice(user, { name: "my-model", provider: "other", inputPricePerMtok: 1, outputPricePerMtok: 2 }))).code).toBe(
      "not_found",
    );
    const row = await addModelPrice(admin, { name: " My-Model ", provider: "other", inputPricePerMtok: "1", outputPricePerMtok: "2" });
    expect(row).toMatchObject({ name: "my-model", provider: "other", inputPricePerMtok: 1, outputPricePerMtok: 2, cacheReadPricePerMtok: null });
    expect((await listModels()).map((m) => m.name)).toContain("my-model");
    const taken = await failure(addModelPrice(admin, { name: "my-model", provider: "openai", inputPricePerMtok: 1, outputPricePerMtok: 1 }));
    expect(taken.code).toBe("conflict");
    const bad = await failure(addModelPrice(admin, { name: "has space", provider: "nope", inputPricePerMtok: 1, outputPricePerMtok: 1 }));
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["name", "provider"]);
  });
});

describe("unpricedModels", () => {
  it("lists models runs used that have no price, for admins only", async () => {
    const project = await addProject(user.id, "unpriced");
    const owner = { userId: user.id, projectId: project.id, agentId: null };
    await usedAt(owner, { model: "llama3.1:8b", inputTokens: 1 });
    await usedAt(owner, { model: "llama3.1:8b", inputTokens: 1 });
    await usedAt(owner, { model: "claude-sonnet-4-5-20250929", inputTokens: 1 });
    await usedAt(owner, { model: "mistral-large", inputTokens: 1 });
    expect(await unpricedModels(admin)).toEqual([
      { model: "llama3.1:8b", runs: 2 },
      { model: "mistral-large", runs: 1 },
    ]);
    expect((await failure(unpricedModels(user))).code).toBe("not_found");
  });
});
