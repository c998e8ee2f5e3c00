import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp } from "./columns";
import { users } from "./users";

/**
 * One row per password sign-up that got as far as creating an account, by
 * client address: the per-address sign-up limit counts these. Rows older than
 * the window are swept as new ones arrive.
 */
export const signUpAttempts = sqliteTable(
  "sign_up_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ip: text("ip").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sign_up_attempts_ip_idx").on(t.ip, t.createdAt)],
);

/**
 * Invitations to sign up while sign-ups are invite-only. Only a SHA-256 of the
 * code is kept (the admin sees the link once); each is used at most once.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    codeHash: text("code_hash").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    usedBy: text("used_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [uniqueIndex("invitations_code_hash_unique").on(t.codeHash), index("invitations_created_idx").on(t.createdAt)],
);

export type Invitation = typeof invitations.$inferSelect;
