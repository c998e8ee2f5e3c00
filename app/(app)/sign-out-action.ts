"use server";
import { signOut } from "@/lib/auth/auth";

/** Ends this browser's session (the sessions row is revoked in the signOut event). */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
