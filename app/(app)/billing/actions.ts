"use server";
import { redirect } from "next/navigation";
import Stripe from "stripe";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { createCheckoutSession, createPortalSession } from "@/lib/billing/checkout";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { publicOrigin } from "@/lib/http/public-origin";

/** Stripe being down or refusing is a clear message, not "unexpected error". */
async function viaStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      console.error("stripe request failed", error.type, error.message);
      throw new LocalizedError("conflict", { key: "billing.stripe.errors.unavailable" });
    }
    throw error;
  }
}

export const startCheckout = validatedAction(z.object({}), async (_data, { user }) => {
  const origin = await publicOrigin();
  const session = await viaStripe(() => createCheckoutSession(user, origin));
  redirect(session.url);
});

export const openPortal = validatedAction(z.object({}), async (_data, { user }) => {
  const origin = await publicOrigin();
  const session = await viaStripe(() => createPortalSession(user, origin));
  redirect(session.url);
});
