"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import Stripe from "stripe";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { createCheckoutSession, createPortalSession } from "@/lib/billing/checkout";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

/** Where Stripe sends the browser back: AUTH_URL when set (behind a proxy), else this request's origin. */
async function appOrigin(): Promise<string> {
  const configured = config().authUrl;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const origin = h.get("origin");
  if (origin) return origin;
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}

/** Stripe being down or refusing is a clear message, not "unexpected error". */
async function viaStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      console.error("stripe request failed", error.type, error.message);
      throw new AppError("conflict", "billing.stripe.errors.unavailable");
    }
    throw error;
  }
}

export const startCheckout = validatedAction(z.object({}), async (_data, { user }) => {
  const origin = await appOrigin();
  const session = await viaStripe(() => createCheckoutSession(user, origin));
  redirect(session.url);
});

export const openPortal = validatedAction(z.object({}), async (_data, { user }) => {
  const origin = await appOrigin();
  const session = await viaStripe(() => createPortalSession(user, origin));
  redirect(session.url);
});
