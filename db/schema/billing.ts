import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp } from "./columns";

/** Stripe webhook events already seen, so each event id is handled once. */
export const stripeEvents = sqliteTable("stripe_events", {
  /** Stripe's event id (evt_...). */
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** When the webhook arrived. */
  createdAt: createdAt(),
  processedAt: timestamp("processed_at"),
});

export type StripeEvent = typeof stripeEvents.$inferSelect;
