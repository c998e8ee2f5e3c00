import "server-only";
import type Stripe from "stripe";
import { currentSubscription, idOf, stateOf } from "./subscription-state";
import type { WebhookHandler } from "./types";

/** The invoice's subscription: under `parent.subscription_details` since API 2025-03, top-level before. */
function subscriptionIdOf(invoice: Stripe.Invoice): string | null {
  const fromParent = invoice.parent?.subscription_details?.subscription;
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  return idOf(fromParent ?? legacy);
}

/**
 * invoice.payment_failed: Stripe moves the subscription to past_due while it
 * retries; PRO stays and the user sees a banner. The status written is the
 * subscription's current one, so a late failure after a successful retry
 * changes nothing.
 */
export const invoicePaymentFailed: WebhookHandler = async (event, stripe) => {
  const invoice = event.data.object as Stripe.Invoice;
  const subscriptionId = subscriptionIdOf(invoice);
  if (!subscriptionId) return null;
  const subscription = await currentSubscription(stripe, subscriptionId);
  const customerId = idOf(subscription.customer) ?? idOf(invoice.customer);
  if (!customerId) return null;
  return { match: { customerId }, state: stateOf(subscription) };
};
