import "server-only";
import { subscriptionChanged } from "./subscription-changed";
import type { WebhookHandler } from "./types";

/** customer.subscription.updated: the user's plan follows the subscription's current state. */
export const customerSubscriptionUpdated: WebhookHandler = subscriptionChanged;
