import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
