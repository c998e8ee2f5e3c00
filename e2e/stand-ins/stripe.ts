/**
 * Stripe on loopback for the end-to-end tests (run with `npx tsx
 * e2e/stand-ins/stripe.ts`): tests/stand-ins/stripe-stand-in.ts on a fixed
 * port, serving the API the app's SDK calls plus the hosted checkout and
 * portal pages the browser visits. Paying on its checkout page delivers
 * webhooks signed with STRIPE_WEBHOOK_SECRET to the app, as Stripe would.
 */
import { startStripeStandIn } from "../../tests/stand-ins/stripe-stand-in";
import { BASE_URL, STRIPE_PORT, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } from "../support/env";

async function main() {
  const standIn = await startStripeStandIn({
    secretKey: STRIPE_SECRET_KEY,
    port: STRIPE_PORT,
    webhooks: { url: `${BASE_URL}/api/stripe/webhook`, secret: STRIPE_WEBHOOK_SECRET },
  });
  console.log(`Stripe stand-in on ${standIn.url}, webhooks to ${BASE_URL}/api/stripe/webhook`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
