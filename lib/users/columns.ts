import "server-only";
import { users } from "@/db/schema";

/**
 * The user columns that may leave the server. Never add password_hash or
 * anything secret here: these go to pages, JSON and the browser.
 */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  image: users.image,
  role: users.role,
  plan: users.plan,
  subscriptionStatus: users.subscriptionStatus,
  currentPeriodEnd: users.currentPeriodEnd,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};

export type PublicUser = {
  [K in keyof typeof publicUserColumns]: (typeof publicUserColumns)[K]["_"]["notNull"] extends true
    ? (typeof publicUserColumns)[K]["_"]["data"]
    : (typeof publicUserColumns)[K]["_"]["data"] | null;
};
