import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { auth } from "./auth";
import { userForSession } from "./sessions";
import type { PublicUser } from "@/lib/users/columns";

export type SessionUser = PublicUser & { sessionId: string };

/**
 * The signed-in user of this request, checked against the database: a
 * revoked session or a disabled account is signed out on its next request.
 * Cached per request, so layouts and pages share one lookup.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const sid = (session as { sid?: string } | null)?.sid;
  if (!sid) return null;
  const user = await userForSession(sid);
  return user ? { ...user, sessionId: sid } : null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Admin pages and actions answer 404 to everyone else, so they do not even reveal they exist. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") notFound();
  return user;
}
