import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

export const NOTIFICATION_KINDS = ["runFinished", "runFailed", "questionAsked", "attemptReadyToMerge"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What the bell shows: one row per event a user chose to hear about (GET /me/settings notifications). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    title: text("title").notNull(),
    /** Where it leads, e.g. /runs/<id>. */
    link: text("link"),
    readAt: text("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.id)],
);

export type Notification = typeof notifications.$inferSelect;

/**
 * Where a user's browsers take Web Push (lib/push): one row per browser that allowed it, keyed by
 * the push service's endpoint URL (a browser has one; when another account subscribes the same
 * browser, the row moves to it). Removed with the user, on unsubscribe, and when the push service
 * answers 404/410 (the browser dropped it).
 */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    /** The browser's P-256 public key and auth secret (base64url), which the payload is encrypted to. */
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_idx").on(t.endpoint), index("push_subscriptions_user_idx").on(t.userId, t.id)],
);

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
