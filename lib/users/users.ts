import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { nowIso } from "@/lib/domain/ids";
import { effectiveSignUpPolicy } from "@/lib/sign-ups/policy";
import { publicUserColumns, type PublicUser } from "./columns";

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

// The first account ever created becomes the admin. Decided inside the INSERT
// itself, so two sign-ups racing on an empty database cannot both win.
const firstUserIsAdmin = sql<"admin" | "user">`(CASE WHEN EXISTS (SELECT 1 FROM users) THEN 'user' ELSE 'admin' END)`;

/** Creates a user; returns null when the email is taken. */
export async function createUser(input: {
  email: string;
  name?: string | null;
  passwordHash?: string | null;
  googleId?: string | null;
  image?: string | null;
}): Promise<PublicUser | null> {
  const [row] = await db()
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      name: input.name ?? null,
      passwordHash: input.passwordHash ?? null,
      googleId: input.googleId ?? null,
      image: input.image ?? null,
      role: firstUserIsAdmin,
    })
    .onConflictDoNothing({ target: users.email })
    .returning(publicUserColumns);
  return row ?? null;
}

export async function getUserById(id: string): Promise<PublicUser | null> {
  const [row] = await db().select(publicUserColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** What the password check needs; stays on the server. */
export async function findCredentials(email: string) {
  const [row] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function getPasswordHash(userId: string) {
  const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.passwordHash ?? null;
}

export async function setPasswordHash(userId: string, passwordHash: string) {
  await db().update(users).set({ passwordHash, updatedAt: nowIso() }).where(eq(users.id, userId));
}

export async function updateProfile(userId: string, profile: { name: string }) {
  await db().update(users).set({ name: profile.name, updatedAt: nowIso() }).where(eq(users.id, userId));
}

export type GoogleProfile = { sub: string; email: string; emailVerified: boolean; name?: string | null; image?: string | null };
export type GoogleSignInResult = { ok: true; userId: string } | { ok: false; code: "unverified_email" | "disabled" | "sign_ups_closed" | "invite_required" };

/**
 * Find the user for a Google identity: by the linked Google id, else by the same
 * verified email (linking the accounts), else create one, when the sign-up
 * policy lets anyone in (existing accounts sign in whatever it says).
 */
export async function findOrCreateGoogleUser(profile: GoogleProfile): Promise<GoogleSignInResult> {
  const email = normalizeEmail(profile.email);
  const select = { id: users.id, googleId: users.googleId, disabledAt: users.disabledAt };
  let [user] = await db().select(select).from(users).where(eq(users.googleId, profile.sub)).limit(1);
  if (!user) {
    // Only an address Google has verified may claim an existing account.
    if (!profile.emailVerified) return { ok: false, code: "unverified_email" };
    [user] = await db().select(select).from(users).where(eq(users.email, email)).limit(1);
  }
  if (user?.disabledAt) return { ok: false, code: "disabled" };
  if (!user) {
    const policy = await effectiveSignUpPolicy();
    if (policy !== "open") return { ok: false, code: policy === "closed" ? "sign_ups_closed" : "invite_required" };
    const created = await createUser({ email, name: profile.name, image: profile.image, googleId: profile.sub });
    if (!created) return findOrCreateGoogleUser(profile); // raced with another sign-up of the same email
    user = { id: created.id, googleId: profile.sub, disabledAt: null };
  } else if (user.googleId !== profile.sub) {
    await db().update(users).set({ googleId: profile.sub, updatedAt: nowIso() }).where(and(eq(users.id, user.id)));
  }
  await db()
    .insert(accounts)
    .values({ provider: "google", providerAccountId: profile.sub, userId: user.id, email })
    .onConflictDoNothing();
  return { ok: true, userId: user.id };
}
