import "server-only";
import type Stripe from "stripe";
import { currentSubscription, idOf, stateOf } from "./subscription-state";
import type { WebhookHandler } from "./types";

/**
 * checkout.session.completed: links the customer to the user named by
 * client_reference_id (our user id) and applies the new subscription's
 * current state.
 */
export const checkoutSessionCompleted: WebhookHandler = async (event, stripe) => {
  const session = event.data.object as Stripe.Checkout.Session;
  const userId = session.client_reference_id;
  const customerId = idOf(session.customer);
  const subscriptionId = idOf(session.subscription);
  if (session.mode !== "subscription" || !userId || !customerId || !subscriptionId) return null;
  const subscription = await currentSubscription(stripe, subscriptionId);
  return { match: { userId, customerId }, state: stateOf(subscription) };
};
