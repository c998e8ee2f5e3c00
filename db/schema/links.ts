import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { agents } from "./agents";
import { agentRuns } from "./runs";
import { users } from "./users";
import { LINK_STATUSES } from "@/lib/domain/links";

/** URLs a user saved for an agent to read: the page as fetched, and the agent's analysis (lib/links). */
export const links = sqliteTable(
  "links",
  {
    id: id(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    /** As saved (normalised by the URL parser). */
    url: text("url").notNull(),
    /** Where the redirects ended, once fetched. */
    finalUrl: text("final_url"),
    /** The host of `url`, lower case, without "www.": what the list filters by. */
    domain: text("domain").notNull(),
    status: text("status", { enum: LINK_STATUSES }).notNull().default("pending"),
    title: text("title"),
    /** The page's readable text (bounded), what the agent is given. */
    text: text("text"),
    mainTopic: text("main_topic"),
    reasonsToCare: text("reasons_to_care", { mode: "json" }).$type<string[]>(),
    error: text("error"),
    /** The agent asked to analyse it (null: the user's default agent). */
    agentId: text("agent_id").references(() => agents.id, { onDelete: "set null" }),
    /** The latest analysis run; kept on the link when the run goes. */
    runId: text("run_id").references(() => agentRuns.id, { onDelete: "set null" }),
    fetchedAt: text("fetched_at"),
    createdAt: createdAt(),
  },
  (t) => [
    // Keyset lists newest first, one index ending in id per filter.
    index("links_user_id_idx").on(t.userId, t.id),
    index("links_user_status_idx").on(t.userId, t.status, t.id),
    index("links_user_domain_idx").on(t.userId, t.domain, t.id),
  ],
);

export type Link = typeof links.$inferSelect;
