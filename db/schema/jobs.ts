import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, isoNow, timestamp, updatedAt } from "./columns";
import { users } from "./users";
import { JOB_STATUSES } from "@/lib/domain/jobs";

/** The durable work queue: workers claim a row by taking a lease (lease_until, locked_by). */
export const jobs = sqliteTable(
  "jobs",
  {
    id: id(),
    // Null for system jobs that belong to no user.
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    priority: integer("priority").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    runAt: text("run_at").notNull().default(isoNow),
    leaseUntil: timestamp("lease_until"),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_claim_idx").on(t.status, t.runAt, t.priority),
    index("jobs_user_status_idx").on(t.userId, t.status),
    index("jobs_lease_idx").on(t.leaseUntil),
  ],
);

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
