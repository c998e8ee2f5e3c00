"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getT } from "@/lib/i18n/server";
import { addModelPrice, modelPriceSchema, newModelSchema, updateModelPrice } from "@/lib/usage/models";

/** Saves one row of /admin/models. lib/usage/models.ts checks the admin role again. */
export const saveModelPrice = validatedAction(
  modelPriceSchema.extend({ id: z.string().min(1).max(100) }),
  async ({ id, ...prices }, { user }) => {
    const row = await updateModelPrice(user, id, prices);
    revalidatePath("/admin/models");
    return { ok: true, message: (await getT())("usage.models.saved", { name: row.name }) };
  },
  { access: "admin" },
);

/** Adds a model to the price list. */
export const addModel = validatedAction(
  newModelSchema,
  async (input, { user }) => {
    const row = await addModelPrice(user, input);
    revalidatePath("/admin/models");
    return { ok: true, message: (await getT())("usage.models.added", { name: row.name }) };
  },
  { access: "admin" },
);
