import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { requireStripe } from "./stripe";

type BillingUser = { id: string; email: string; name: string | null };

async function storedCustomerId(userId: string): Promise<string | null> {
  const [row] = await db()
    .select({ customerId: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw notFoundError("user");
  return row.customerId;
}

/**
 * The user's Stripe customer, created the first time and reused afterwards.
 * The id is stored with a conditional UPDATE (only while none is stored), so
 * two concurrent upgrades cannot leave two different ids behind; the
 * idempotency key makes Stripe answer both with the same customer anyway.
 */
export async function ensureStripeCustomer(user: BillingUser): Promise<string> {
  const existing = await storedCustomerId(user.id);
  if (existing) return existing;
  const { stripe } = requireStripe();
  const customer = await stripe.customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { userId: user.id } },
    { idempotencyKey: `switchboard-customer-${user.id}` },
  );
  const updated = await db()
    .update(users)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(users.id, user.id), isNull(users.stripeCustomerId)))
    .returning({ id: users.id });
  if (updated.length > 0) return customer.id;
  // Someone else stored one first: use theirs.
  const winner = await storedCustomerId(user.id);
  if (!winner) throw new LocalizedError("conflict", { key: "billing.stripe.errors.customer" });
  return winner;
}

/** A Checkout session (subscription mode, the PRO price) for this user; redirect the browser to `url`. */
export async function createCheckoutSession(user: BillingUser, origin: string): Promise<{ id: string; url: string }> {
  const { stripe, cfg } = requireStripe();
  const customer = await ensureStripeCustomer(user);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: user.id,
    line_items: [{ price: cfg.pricePro, quantity: 1 }],
    success_url: `${origin}/billing?checkout=success`,
    cancel_url: `${origin}/billing?checkout=cancelled`,
    subscription_data: { metadata: { userId: user.id } },
  });
  if (!session.url) throw new LocalizedError("conflict", { key: "billing.stripe.errors.checkout" });
  return { id: session.id, url: session.url };
}

/** A Customer Portal session (payment method, invoices, cancel) for a user who has a customer. */
export async function createPortalSession(user: BillingUser, origin: string): Promise<{ id: string; url: string }> {
  const { stripe } = requireStripe();
  const customer = await storedCustomerId(user.id);
  if (!customer) throw new LocalizedError("validation", { key: "billing.stripe.errors.noCustomer" });
  const session = await stripe.billingPortal.sessions.create({ customer, return_url: `${origin}/billing` });
  return { id: session.id, url: session.url };
}

/** Whether the user has a Stripe customer (so "Manage billing" can open the portal). */
export async function hasStripeCustomer(userId: string): Promise<boolean> {
  return (await storedCustomerId(userId)) !== null;
}
