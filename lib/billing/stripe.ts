import "server-only";
import Stripe from "stripe";
import { config, type AppConfig } from "@/lib/config";
import { LocalizedError } from "@/lib/i18n/localized-error";

type StripeConfig = NonNullable<AppConfig["stripe"]>;

let cached: { for: StripeConfig; client: Stripe } | undefined;

/** Where the SDK sends requests: Stripe's API, or STRIPE_API_BASE (tests point it at a loopback stand-in). */
function connection(apiBase: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** The official Stripe SDK configured from config().stripe, or null when billing is off. */
export function stripeClient(): Stripe | null {
  const cfg = config().stripe;
  if (!cfg) return null;
  if (cached?.for !== cfg) {
    cached = {
      for: cfg,
      client: new Stripe(cfg.secretKey, { ...connection(cfg.apiBase), maxNetworkRetries: 1, appInfo: { name: "Switchboard" } }),
    };
  }
  return cached.client;
}

/** Billing settings and client together; a clear validation error when billing is off. */
export function requireStripe(): { stripe: Stripe; cfg: StripeConfig } {
  const cfg = config().stripe;
  const stripe = stripeClient();
  if (!cfg || !stripe) throw new LocalizedError("validation", { key: "billing.stripe.errors.notConfigured" });
  return { stripe, cfg };
}
