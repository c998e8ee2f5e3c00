import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { addressKind } from "@/lib/http/private-address";
import type { PushSubscriptionInput, PushSubscriptionView } from "./schemas";

const columns = { id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, createdAt: pushSubscriptions.createdAt };

/**
 * Whether the server may POST to this endpoint: push services are https on
 * public addresses, and anything else would let a user aim the server at its
 * own network. PUSH_ALLOW_PRIVATE=1 (tests' loopback stand-in) lifts both.
 * Returns why not, or null.
 */
export async function endpointProblem(endpoint: string): Promise<string | null> {
  if (config().pushAllowPrivate) return null;
  const url = new URL(endpoint);
  if (url.protocol !== "https:") return "A push endpoint must be an https URL.";
  const kind = await addressKind(url);
  if (kind === "unknown") return `The push service's host ${url.hostname} could not be found.`;
  if (kind === "private") return `${url.hostname} is a loopback or private address, which this server does not send pushes to.`;
  return null;
}

/**
 * Saves the browser's subscription for the caller. One browser has one
 * endpoint: subscribing it again (after new keys, or as another account
 * signed in there) replaces the row, so it only ever reaches its last user.
 */
export async function savePushSubscription(userId: string, input: PushSubscriptionInput): Promise<PushSubscriptionView> {
  const problem = await endpointProblem(input.endpoint);
  if (problem) throw new AppError("validation", problem, { endpoint: problem });
  const values = { userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth };
  const [row] = await db()
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: values.p256dh, auth: values.auth } })
    .returning(columns);
  return row!;
}

export async function listPushSubscriptions(userId: string): Promise<PushSubscriptionView[]> {
  return db().select(columns).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(desc(pushSubscriptions.id)).limit(100);
}

/** Removes the caller's subscription with this endpoint; another user's (or none) is a 404. */
export async function deletePushSubscription(userId: string, endpoint: string): Promise<void> {
  const gone = await db()
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  if (gone.length === 0) throw new AppError("not_found", "No push subscription of yours has that endpoint.");
}

/** A disabled account hears nothing more: its browsers' subscriptions go (enabling it again brings none back). */
export async function forgetPushSubscriptionsOf(userId: string): Promise<number> {
  const gone = await db().delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).returning({ id: pushSubscriptions.id });
  return gone.length;
}
