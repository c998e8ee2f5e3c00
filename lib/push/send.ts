import "server-only";
import { eq, inArray } from "drizzle-orm";
import webpush from "web-push";
import { db } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { config } from "@/lib/config";
import type { PushMessage } from "./schemas";
import { endpointProblem } from "./subscriptions";
import { vapidKeys } from "./vapid";

const TIMEOUT_MS = 10_000;
/** A push service keeps a message this long for a browser that is offline. */
const TTL_SECONDS = 24 * 60 * 60;

export type PushOutcome = { sent: number; removed: number; failed: number };

/**
 * Sends one Web Push message to every browser the user subscribed, the way
 * RFC 8030 says: a POST to the push service's endpoint, signed with our VAPID
 * key (RFC 8292) and encrypted to the browser's keys (RFC 8291, aes128gcm) by
 * the `web-push` library. The payload is only `{ title, link }`. An endpoint
 * the push service calls gone (404, 410) is deleted; other failures are
 * logged and the subscription kept. Never throws.
 */
export async function sendPush(userId: string, message: PushMessage): Promise<PushOutcome> {
  const outcome: PushOutcome = { sent: 0, removed: 0, failed: 0 };
  try {
    const subscriptions = await db()
      .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .limit(100);
    if (subscriptions.length === 0) return outcome;
    const { publicKey, privateKey } = vapidKeys();
    const payload = JSON.stringify({ title: message.title, link: message.link });
    const gone: string[] = [];
    await Promise.all(
      subscriptions.map(async (subscription) => {
        const result = await deliver(subscription, payload, { subject: config().vapidSubject, publicKey, privateKey });
        if (result === "gone") gone.push(subscription.id);
        outcome[result === "ok" ? "sent" : result === "gone" ? "removed" : "failed"]++;
      }),
    );
    if (gone.length) await db().delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
  } catch (error) {
    console.error("Could not send Web Push:", error);
  }
  return outcome;
}

async function deliver(
  subscription: { endpoint: string; p256dh: string; auth: string },
  payload: string,
  vapidDetails: { subject: string; publicKey: string; privateKey: string },
): Promise<"ok" | "gone" | "failed"> {
  const host = new URL(subscription.endpoint).host;
  const problem = await endpointProblem(subscription.endpoint); // again: the host may resolve elsewhere now
  if (problem) {
    console.error(`Web Push to ${host} not sent: ${problem}`);
    return "failed";
  }
  // web-push builds the request (VAPID header, encrypted body); Node's fetch sends it, without
  // following redirects, so the same code reaches the tests' plain-http loopback stand-in.
  const request = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, payload, {
    vapidDetails,
    TTL: TTL_SECONDS,
    contentEncoding: "aes128gcm",
  });
  try {
    const response = await fetch(request.endpoint, {
      method: request.method,
      // fetch sets Content-Length itself; TTL comes as a number.
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== "content-length").map(([name, value]) => [name, String(value)])),
      body: request.body ? new Uint8Array(request.body) : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) return "gone";
    if (response.status >= 200 && response.status < 300) return "ok";
    console.error(`Web Push to ${host} refused: HTTP ${response.status}`);
    return "failed";
  } catch (error) {
    console.error(`Web Push to ${host} failed: ${(error as Error).message}`);
    return "failed";
  }
}
