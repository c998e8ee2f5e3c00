import "server-only";
import Stripe from "stripe";
import type { Plan } from "@/lib/domain";
import type { SubscriptionState } from "./types";

/** Statuses that keep PRO: past_due keeps it (with a banner) while Stripe retries the payment. */
const PRO_STATUSES: ReadonlySet<Stripe.Subscription.Status> = new Set(["active", "trialing", "past_due"]);

export function planFor(status: Stripe.Subscription.Status): Plan {
  return PRO_STATUSES.has(status) ? "PRO" : "FREE";
}

/**
 * The period end as Stripe reports it: on the subscription items since API
 * 2025-03 (`items.data[0].current_period_end`), on the subscription before.
 */
export function periodEndOf(subscription: Stripe.Subscription): string | null {
  const fromItem = subscription.items?.data?.[0]?.current_period_end;
  const legacy = (subscription as unknown as { current_period_end?: unknown }).current_period_end;
  const seconds = typeof fromItem === "number" ? fromItem : typeof legacy === "number" ? legacy : null;
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/**
 * A subscription as the user's row should show it. cancel_at_period_end keeps
 * status "active" (so PRO) until the period ends; Stripe then sends
 * customer.subscription.deleted and reports "canceled".
 */
export function stateOf(subscription: Stripe.Subscription): SubscriptionState {
  return {
    plan: planFor(subscription.status),
    subscriptionStatus: subscription.status,
    currentPeriodEnd: periodEndOf(subscription),
  };
}

/** The id of an expandable Stripe field (a bare id or the expanded object). */
export function idOf(customer: string | { id: string } | null | undefined): string | null {
  if (!customer) return null;
  return typeof customer === "string" ? customer : customer.id;
}

/**
 * The subscription's state NOW, fetched from Stripe: an event's payload may be
 * stale (retried, late or out of order), so it is never applied as such. When
 * Stripe no longer knows the subscription, the payload's own copy is used
 * only if it is final (canceled), which nothing can undo.
 */
export async function currentSubscription(
  stripe: Stripe,
  id: string,
  payload?: Stripe.Subscription,
): Promise<Stripe.Subscription> {
  try {
    return await stripe.subscriptions.retrieve(id);
  } catch (error) {
    const missing = error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";
    if (missing && payload?.status === "canceled") return payload;
    throw error;
  }
}
