import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { LocalizedError } from "@/lib/i18n/localized-error";

/** Whoever is calling; the role is read again from the database, not trusted from this object. */
export type Actor = { id: string };

/**
 * Defence in depth for everything admins do: admin pages already 404 for
 * non-admins in their layout, and every admin function in lib/ checks again
 * here. Anyone else (a disabled admin too) gets "not found", so the console
 * does not even reveal that it exists.
 */
export async function assertAdmin(actor: Actor) {
  const [row] = await db().select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, actor.id)).limit(1);
  if (row?.role !== "admin" || row.disabledAt) throw new LocalizedError("not_found", { key: "notFound.body" });
}
