/**
 * The browser's side of Web Push: subscribe this browser with the server's VAPID key
 * (`GET /api/v1/push/key`) and hand the subscription to the server, or take it back.
 */

const SUBSCRIBE_TIMEOUT_MS = 20_000;

export type PushState = "unsupported" | "off" | "on";

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return (await navigator.serviceWorker.getRegistration("/")) ?? (await navigator.serviceWorker.register("/sw.js", { scope: "/" }));
}

async function send(subscription: PushSubscription): Promise<void> {
  const response = await fetch("/api/v1/push/subscriptions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(subscription.toJSON()) });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
}

/** Whether this browser is subscribed; a subscription it has is handed to the server again (it may have been dropped there). */
export async function currentPushState(): Promise<PushState> {
  if (!pushSupported()) return "unsupported";
  const existing = await (await navigator.serviceWorker.getRegistration("/"))?.pushManager.getSubscription();
  if (!existing || Notification.permission !== "granted") return "off";
  await send(existing).catch(() => {});
  return "on";
}

function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Asks for permission, subscribes through the push service and tells the server. Throws with the browser's reason. */
export async function subscribeToPush(): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new Error(permission);
  const keyResponse = await fetch("/api/v1/push/key", { cache: "no-store" });
  if (!keyResponse.ok) throw new Error(`HTTP ${keyResponse.status}`);
  const { publicKey } = (await keyResponse.json()) as { publicKey: string };
  const reg = await registration();
  // One made with another key (the server's keys were replaced) cannot be reused.
  await (await reg.pushManager.getSubscription())?.unsubscribe();
  // A browser whose push service is out of reach may never settle: give up with a reason instead.
  const subscription = await Promise.race([
    reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64urlToBytes(publicKey) }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the browser's push service did not answer within 20 seconds")), SUBSCRIBE_TIMEOUT_MS)),
  ]);
  await send(subscription);
}

export async function unsubscribeFromPush(): Promise<void> {
  const subscription = await (await navigator.serviceWorker.getRegistration("/"))?.pushManager.getSubscription();
  if (!subscription) return;
  await fetch(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(subscription.endpoint)}`, { method: "DELETE" });
  await subscription.unsubscribe();
}
