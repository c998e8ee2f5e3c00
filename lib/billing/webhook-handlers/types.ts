import type Stripe from "stripe";
import type { Plan } from "@/lib/domain";

/** What a subscription's current state means for the user's row. */
export type SubscriptionState = {
  plan: Plan;
  subscriptionStatus: Stripe.Subscription.Status;
  currentPeriodEnd: string | null;
};

/**
 * The one user update an event leads to. The user is found by Stripe customer
 * id, or (checkout.session.completed) by the client_reference_id we sent,
 * which also links the customer to the user.
 */
export type WebhookEffect =
  | { match: { customerId: string }; state: SubscriptionState }
  | { match: { userId: string; customerId: string }; state: SubscriptionState };

/** One handler per event type: read the event, ask Stripe for current state, say what to write (or nothing). */
export type WebhookHandler = (event: Stripe.Event, stripe: Stripe) => Promise<WebhookEffect | null>;
