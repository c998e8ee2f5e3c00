import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import type { Plan } from "@/lib/domain";
import { newId } from "@/lib/domain/ids";
import { createUser } from "@/lib/users/users";

/**
 * The one way tests make a user: created as sign-up creates one
 * (lib/users/users.ts), then moved to `plan`. Email and name are made up
 * unless given; the name defaults to the email's local part.
 */
export async function testUser({ email, name, plan = "FREE" }: { email?: string; name?: string; plan?: Plan } = {}) {
  const address = email ?? `user-${newId()}@example.test`;
  const user = await createUser({ email: address, name: name ?? address.split("@")[0] });
  if (!user) throw new Error(`user ${address} was not created (email taken?)`);
  if (plan !== "FREE") await db().update(users).set({ plan }).where(eq(users.id, user.id));
  return { ...user, plan };
}
