import "server-only";
import { subscriptionChanged } from "./subscription-changed";
import type { WebhookHandler } from "./types";

/** customer.subscription.deleted: the user's plan follows the subscription's current state. */
export const customerSubscriptionDeleted: WebhookHandler = subscriptionChanged;
