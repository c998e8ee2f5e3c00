import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { users } from "./users";
import { LINK_STATUSES } from "@/lib/domain/links";

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
