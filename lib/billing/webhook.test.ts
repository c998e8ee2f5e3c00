import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { db } from "@/db/client";
import { auditLog, stripeEvents, users } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { createUser } from "@/lib/users/users";
import { recordAndApply } from "./webhook";
import { startStripeStandIn, type StandInSubscription, type StripeStandIn } from "@/tests/stand-ins/stripe-stand-in";

const SECRET = "sk_test_webhook_123";
const WHSEC = "whsec_test_webhook_secret";
const sdk = new Stripe(SECRET);
let stripe: StripeStandIn;
let seq = 0;

/** Unix seconds for a day offset from now, and the ISO string the app stores for it. */
const inDays = (days: number) => Math.floor(Date.now() / 1000) + days * 86400;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function stripeEvent(type: string, object: unknown, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_test_${++seq}`,
    object: "event",
    api_version: "2026-02-25.clover",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

async function deliver(event: unknown, opts: { secret?: string; timestamp?: number; header?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const header =
    opts.header !== undefined
      ? opts.header
      : sdk.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WHSEC, timestamp: opts.timestamp });
  const headers = new Headers({ "content-type": "application/json" });
  if (header !== null) headers.set("stripe-signature", header);
  const response = await POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", headers, body: payload }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function makeCustomer(email: string, customerId: string | null) {
  const user = await createUser({ email });
  if (!user) throw new Error(email);
  if (customerId) await db().update(users).set({ stripeCustomerId: customerId }).where(eq(users.id, user.id));
  return user.id;
}

async function billingOf(userId: string) {
  const [row] = await db()
    .select({
      plan: users.plan,
      status: users.subscriptionStatus,
      periodEnd: users.currentPeriodEnd,
      customer: users.stripeCustomerId,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row!;
}

async function eventRows(id: string) {
  return db().select().from(stripeEvents).where(eq(stripeEvents.id, id));
}

function subscription(s: StandInSubscription) {
  stripe.setSubscription(s);
  return s;
}

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET });
  process.env.STRIPE_SECRET_KEY = SECRET;
  process.env.STRIPE_WEBHOOK_SECRET = WHSEC;
  process.env.STRIPE_PRICE_PRO = "price_pro_test";
  process.env.STRIPE_API_BASE = stripe.url;
  resetConfigForTests();
});

afterAll(async () => {
  await stripe.close();
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_API_BASE"]) delete process.env[key];
  resetConfigForTests();
});

describe("Stripe webhook against a Stripe stand-in on loopback", () => {
  it("checkout.session.completed with a valid signature links the customer and applies PRO", async () => {
    const userId = await makeCustomer("ann@example.com", null);
    const sub = subscription({ id: "sub_ann", customer: "cus_ann", status: "active", current_period_end: inDays(30) });
    const event = stripeEvent("checkout.session.completed", {
      id: "cs_test_ann",
      object: "checkout.session",
      mode: "subscription",
      client_reference_id: userId,
      customer: "cus_ann",
      subscription: "sub_ann",
      status: "complete",
    });
    const res = await deliver(event);
    expect(res).toEqual({ status: 200, body: { received: true } });
    expect(await billingOf(userId)).toEqual({
      plan: "PRO",
      status: "active",
      periodEnd: iso(sub.current_period_end),
      customer: "cus_ann",
    });
    expect(await eventRows(event.id)).toHaveLength(1);
    expect(stripe.requests.some((r) => r.method === "GET" && r.path === "/v1/subscriptions/sub_ann")).toBe(true);
  });

  it("a forged signature is a 400 and changes nothing", async () => {
    const userId = await makeCustomer("forged@example.com", "cus_forged");
    subscription({ id: "sub_forged", customer: "cus_forged", status: "active", current_period_end: inDays(30) });
    const event = stripeEvent("customer.subscription.updated", stripe.subscriptionObject({ id: "sub_forged", customer: "cus_forged", status: "active", current_period_end: inDays(30) }));
    const res = await deliver(event, { secret: "whsec_attacker" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "validation" } });
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE", status: null });
    expect(await eventRows(event.id)).toHaveLength(0);

    // A valid signature over a different body does not cover a tampered one either.
    const header = sdk.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WHSEC });
    const tampered = { ...event, id: "evt_tampered" };
    expect((await deliver(tampered, { header })).status).toBe(400);
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE" });
  });

  it("a missing Stripe-Signature header is a 400", async () => {
    const event = stripeEvent("customer.subscription.updated", { id: "sub_x", object: "subscription" });
    const res = await deliver(event, { header: null });
    expect(res.status).toBe(400);
    expect(await eventRows(event.id)).toHaveLength(0);
  });

  it("a stale event (timestamp outside the tolerance) is a 400", async () => {
    const userId = await makeCustomer("stale@example.com", "cus_stale");
    subscription({ id: "sub_stale", customer: "cus_stale", status: "active", current_period_end: inDays(30) });
    const event = stripeEvent("customer.subscription.created", stripe.subscriptionObject({ id: "sub_stale", customer: "cus_stale", status: "active", current_period_end: inDays(30) }));
    const res = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(res.status).toBe(400);
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE" });
    expect(await eventRows(event.id)).toHaveLength(0);
  });

  it("the same event delivered twice applies once", async () => {
    const userId = await makeCustomer("twice@example.com", "cus_twice");
    const sub = subscription({ id: "sub_twice", customer: "cus_twice", status: "active", current_period_end: inDays(30) });
    const event = stripeEvent("customer.subscription.created", stripe.subscriptionObject(sub));
    expect((await deliver(event)).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active" });

    // Stripe's state moves on; a redelivery of the old event must not be applied again.
    subscription({ ...sub, status: "unpaid" });
    const again = await deliver(event);
    expect(again).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active" });
    expect(await eventRows(event.id)).toHaveLength(1);
  });

  it("concurrent deliveries of one event record it once", async () => {
    const userId = await makeCustomer("concurrent@example.com", "cus_concurrent");
    const sub = subscription({ id: "sub_concurrent", customer: "cus_concurrent", status: "active", current_period_end: inDays(30) });
    const event = stripeEvent("customer.subscription.updated", stripe.subscriptionObject(sub));
    const results = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await eventRows(event.id)).toHaveLength(1);
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active" });
  });

  it("the record-and-apply batch applies an event id once even past the early duplicate check", async () => {
    const userId = await makeCustomer("guard@example.com", "cus_guard");
    const event = { id: "evt_guard", type: "customer.subscription.updated" };
    const match = { customerId: "cus_guard" };
    const end = iso(inDays(3));
    await recordAndApply(event, { match, state: { plan: "PRO", subscriptionStatus: "active", currentPeriodEnd: end } });
    await recordAndApply(event, { match, state: { plan: "FREE", subscriptionStatus: "canceled", currentPeriodEnd: null } });
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active", periodEnd: end });
    expect(await eventRows(event.id)).toHaveLength(1);
    // Admins see the change once in the audit log, with the event that made it.
    const audit = await db().select({ action: auditLog.action, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.targetUserId, userId));
    expect(audit).toEqual([{ action: "billing.subscription_synced", detail: expect.objectContaining({ eventId: "evt_guard", plan: "PRO" }) }]);
  });

  it("shuffled order: a late, older subscription.updated never undoes the newer deletion", async () => {
    const userId = await makeCustomer("shuffled@example.com", "cus_shuffled");
    const end = inDays(12);
    const active: StandInSubscription = { id: "sub_shuffled", customer: "cus_shuffled", status: "active", current_period_end: end };
    const older = stripeEvent("customer.subscription.updated", stripe.subscriptionObject(active), inDays(0) - 3600);
    // What Stripe reports now: the subscription is gone.
    subscription({ ...active, status: "canceled" });
    const newer = stripeEvent("customer.subscription.deleted", stripe.subscriptionObject({ ...active, status: "canceled" }));

    expect((await deliver(newer)).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE", status: "canceled" });
    expect((await deliver(older)).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE", status: "canceled" });
    expect(await eventRows(older.id)).toHaveLength(1);
  });

  it("shuffled order the other way: a late subscription.created after an upgrade keeps the current state", async () => {
    const userId = await makeCustomer("late-created@example.com", "cus_late");
    const now = subscription({ id: "sub_late", customer: "cus_late", status: "active", current_period_end: inDays(30) });
    const created = stripeEvent("customer.subscription.created", stripe.subscriptionObject({ ...now, status: "incomplete" }), inDays(0) - 60);
    const updated = stripeEvent("customer.subscription.updated", stripe.subscriptionObject(now));
    for (const e of [updated, created]) expect((await deliver(e)).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active", periodEnd: iso(now.current_period_end) });
  });

  it("invoice.payment_failed: past_due, still PRO", async () => {
    const userId = await makeCustomer("pastdue@example.com", "cus_pastdue");
    const sub = subscription({ id: "sub_pastdue", customer: "cus_pastdue", status: "past_due", current_period_end: inDays(20) });
    const event = stripeEvent("invoice.payment_failed", {
      id: "in_pastdue",
      object: "invoice",
      customer: "cus_pastdue",
      status: "open",
      parent: { type: "subscription_details", subscription_details: { subscription: "sub_pastdue", metadata: {} }, quote_details: null },
    });
    expect((await deliver(event)).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "past_due", periodEnd: iso(sub.current_period_end) });

    // Older API versions put the subscription on the invoice itself.
    subscription({ ...sub, status: "active" });
    const legacy = stripeEvent("invoice.payment_failed", { id: "in_legacy", object: "invoice", customer: "cus_pastdue", subscription: "sub_pastdue" });
    expect((await deliver(legacy)).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active" });
  });

  it("cancelling at period end keeps PRO until then, with current_period_end set", async () => {
    const userId = await makeCustomer("cancel@example.com", "cus_cancel");
    const end = inDays(9);
    const sub = subscription({ id: "sub_cancel", customer: "cus_cancel", status: "active", cancel_at_period_end: true, current_period_end: end });
    expect((await deliver(stripeEvent("customer.subscription.updated", stripe.subscriptionObject(sub)))).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO", status: "active", periodEnd: iso(end) });
  });

  it("subscription deleted: FREE", async () => {
    const userId = await makeCustomer("deleted@example.com", "cus_deleted");
    const sub = subscription({ id: "sub_deleted", customer: "cus_deleted", status: "active", current_period_end: inDays(5) });
    await deliver(stripeEvent("customer.subscription.created", stripe.subscriptionObject(sub)));
    expect(await billingOf(userId)).toMatchObject({ plan: "PRO" });
    subscription({ ...sub, status: "canceled" });
    expect((await deliver(stripeEvent("customer.subscription.deleted", stripe.subscriptionObject({ ...sub, status: "canceled" })))).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE", status: "canceled" });
  });

  it("a deleted subscription Stripe no longer knows falls back to the final payload", async () => {
    const userId = await makeCustomer("gone@example.com", "cus_gone");
    await db().update(users).set({ plan: "PRO", subscriptionStatus: "active" }).where(eq(users.id, userId));
    const payload = stripe.subscriptionObject({ id: "sub_gone", customer: "cus_gone", status: "canceled", current_period_end: inDays(1) });
    expect((await deliver(stripeEvent("customer.subscription.deleted", payload))).status).toBe(200);
    expect(await billingOf(userId)).toMatchObject({ plan: "FREE", status: "canceled" });
  });

  it("unknown event types are recorded and ignored", async () => {
    const event = stripeEvent("customer.created", { id: "cus_new", object: "customer" });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true } });
    expect(await eventRows(event.id)).toEqual([expect.objectContaining({ id: event.id, type: "customer.created" })]);
  });
});

describe("Stripe webhook on a server without billing", () => {
  it("answers 400 with the English message, never the i18n key", async () => {
    const saved = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    resetConfigForTests();
    try {
      const response = await POST(
        new Request("http://localhost/api/stripe/webhook", { method: "POST", body: "{}", headers: { "stripe-signature": "t=1,v1=00" } }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "validation", message: "Billing is not configured on this server." } });
    } finally {
      process.env.STRIPE_SECRET_KEY = saved;
      resetConfigForTests();
    }
  });
});
