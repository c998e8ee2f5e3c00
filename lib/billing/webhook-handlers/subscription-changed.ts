import "server-only";
import type Stripe from "stripe";
import { currentSubscription, idOf, stateOf } from "./subscription-state";
import type { WebhookHandler } from "./types";

/** Shared by customer.subscription.created/updated/deleted: apply what Stripe reports now. */
export const subscriptionChanged: WebhookHandler = async (event, stripe) => {
  const payload = event.data.object as Stripe.Subscription;
  const subscription = await currentSubscription(stripe, payload.id, payload);
  const customerId = idOf(subscription.customer) ?? idOf(payload.customer);
  if (!customerId) return null;
  return { match: { customerId }, state: stateOf(subscription) };
};
