import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

export const LINK_STATUSES = ["pending", "analyzing", "done", "failed"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** URLs a user saved for an agent to analyse. */
export const links = sqliteTable(
  "links",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    domain: text("domain").notNull(),
    status: text("status", { enum: LINK_STATUSES }).notNull().default("pending"),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("links_user_created_idx").on(t.userId, t.createdAt)],
);

export type Link = typeof links.$inferSelect;
