import "server-only";
import { and, eq, isNull, notExists, or, type SQL } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/db/client";
import { stripeEvents, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { nowIso } from "@/lib/domain/ids";
import { recordAudit } from "@/lib/audit/audit";
import { webhookHandlers } from "./webhook-handlers";
import type { WebhookEffect } from "./webhook-handlers/types";
import { requireStripe } from "./stripe";

export type WebhookResult = { received: true; duplicate?: true };

/** Checks the Stripe-Signature header over the exact raw body; anything wrong is a 400. */
function verify(stripe: Stripe, rawBody: string, signature: string | null, secret: string): Stripe.Event {
  if (!signature) throw new AppError("validation", "Missing Stripe-Signature header.");
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError("validation", "Invalid Stripe-Signature.");
    }
    throw new AppError("validation", "Invalid webhook payload.");
  }
}

async function alreadyHandled(eventId: string): Promise<boolean> {
  const [row] = await db().select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, eventId)).limit(1);
  return row !== undefined;
}

function userCondition(effect: WebhookEffect): SQL | undefined {
  const { match } = effect;
  if ("userId" in match) {
    // Checkout links the customer to the user, unless the user already has a different one.
    return and(
      eq(users.id, match.userId),
      or(isNull(users.stripeCustomerId), eq(users.stripeCustomerId, match.customerId)),
    );
  }
  return eq(users.stripeCustomerId, match.customerId);
}

/**
 * Handles one webhook delivery: verify, then record the event id and apply
 * its effect in one transaction (db().batch). The user update comes first and
 * only runs while the event id is unrecorded, so a repeated delivery (even a
 * concurrent one) changes nothing. Effects come from the subscription's
 * current state at Stripe, so late or out-of-order events never undo newer
 * state. Unknown event types are recorded and ignored.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookResult> {
  const { stripe, cfg } = requireStripe();
  const event = verify(stripe, rawBody, signature, cfg.webhookSecret);
  if (await alreadyHandled(event.id)) return { received: true, duplicate: true };

  const handler = webhookHandlers[event.type];
  const effect = handler ? await handler(event, stripe) : null;

  await recordAndApply(event, effect);
  return { received: true };
}

/**
 * Records the event id and applies its effect in one transaction. The update
 * runs first and only while the event id is unrecorded; then the id is
 * inserted (ignored when present). So an event applies at most once, however
 * many deliveries race past the early duplicate check.
 */
export async function recordAndApply(event: { id: string; type: string }, effect: WebhookEffect | null): Promise<void> {
  const d = db();
  const record = d
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, processedAt: nowIso() })
    .onConflictDoNothing({ target: stripeEvents.id });
  if (!effect) {
    await record;
    return;
  }
  const unrecorded = notExists(d.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id)));
  const update = d
    .update(users)
    .set({
      plan: effect.state.plan,
      subscriptionStatus: effect.state.subscriptionStatus,
      currentPeriodEnd: effect.state.currentPeriodEnd,
      ...("userId" in effect.match ? { stripeCustomerId: effect.match.customerId } : {}),
      updatedAt: nowIso(),
    })
    .where(and(userCondition(effect), unrecorded))
    .returning({ id: users.id });
  const [updated] = await d.batch([update, record]);
  for (const user of updated) {
    await recordAudit({
      action: "billing.subscription_synced",
      targetUserId: user.id,
      detail: { event: event.type, eventId: event.id, ...effect.state },
    });
  }
}
