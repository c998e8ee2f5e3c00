import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { startStripeStandIn, type StripeStandIn } from "@/tests/stand-ins/stripe-stand-in";
import { createCheckoutSession, createPortalSession } from "./checkout";
import { stripeClient } from "./stripe";
import { testUser } from "@/tests/factories";

const SECRET = "sk_test_checkout_123";
const PRICE = "price_pro_test";
const ORIGIN = "http://app.test";
let stripe: StripeStandIn;

const makeUser = (email: string) => testUser({ email });

async function storedCustomer(userId: string) {
  const [row] = await db().select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, userId));
  return row?.c ?? null;
}

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET });
  process.env.STRIPE_SECRET_KEY = SECRET;
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_checkout";
  process.env.STRIPE_PRICE_PRO = PRICE;
  process.env.STRIPE_API_BASE = stripe.url;
  resetConfigForTests();
});

afterAll(async () => {
  await stripe.close();
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_API_BASE"]) delete process.env[key];
  resetConfigForTests();
});

describe("checkout and portal against a Stripe stand-in on loopback", () => {
  it("creates the customer once, reuses it, and starts a subscription Checkout for the PRO price", async () => {
    const ann = await makeUser("ann@example.com");
    const first = await createCheckoutSession(ann, ORIGIN);
    const second = await createCheckoutSession(ann, ORIGIN);

    expect(first.url).toBe(`${stripe.url}/checkout/${first.id}`);
    const customers = stripe.requests.filter((r) => r.path === "/v1/customers");
    expect(customers).toHaveLength(1);
    expect(customers[0]!.body).toMatchObject({ email: "ann@example.com", metadata: { userId: ann.id } });
    expect(customers[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);

    const customerId = await storedCustomer(ann.id);
    expect(customerId).toMatch(/^cus_/);
    const sessions = stripe.requests.filter((r) => r.path === "/v1/checkout/sessions");
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(s.body).toMatchObject({
        mode: "subscription",
        customer: customerId,
        client_reference_id: ann.id,
        line_items: [{ price: PRICE, quantity: "1" }],
        success_url: `${ORIGIN}/billing?checkout=success`,
        cancel_url: `${ORIGIN}/billing?checkout=cancelled`,
      });
    }
    expect(second.id).not.toBe(first.id);
  });

  it("two concurrent upgrades leave one customer id", async () => {
    const ben = await makeUser("ben@example.com");
    await Promise.all([createCheckoutSession(ben, ORIGIN), createCheckoutSession(ben, ORIGIN)]);
    const stored = await storedCustomer(ben.id);
    const used = stripe.requests
      .filter((r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === ben.id)
      .map((r) => r.body.customer);
    expect(used).toEqual([stored, stored]);
  });

  it("opens the Customer Portal for a user with a customer, and refuses one without", async () => {
    const cat = await makeUser("cat@example.com");
    await expect(createPortalSession(cat, ORIGIN)).rejects.toBeInstanceOf(AppError);
    await createCheckoutSession(cat, ORIGIN);
    const portal = await createPortalSession(cat, ORIGIN);
    expect(portal.url).toBe(`${stripe.url}/portal/${portal.id}`);
    const request = stripe.requests.findLast((r) => r.path === "/v1/billing_portal/sessions");
    expect(request?.body).toEqual({ customer: await storedCustomer(cat.id), return_url: `${ORIGIN}/billing` });
  });

  it("answers with Stripe's error for a wrong key", async () => {
    process.env.STRIPE_SECRET_KEY = "sk_test_wrong";
    resetConfigForTests();
    try {
      await expect(stripeClient()!.customers.create({ email: "x@example.com" })).rejects.toMatchObject({
        type: "StripeAuthenticationError",
      });
    } finally {
      process.env.STRIPE_SECRET_KEY = SECRET;
      resetConfigForTests();
    }
  });

  it("is off without the Stripe variables", async () => {
    delete process.env.STRIPE_SECRET_KEY;
    resetConfigForTests();
    try {
      expect(stripeClient()).toBeNull();
      const dan = await makeUser("dan@example.com");
      await expect(createCheckoutSession(dan, ORIGIN)).rejects.toMatchObject({ code: "validation" });
    } finally {
      process.env.STRIPE_SECRET_KEY = SECRET;
      resetConfigForTests();
    }
  });
});
