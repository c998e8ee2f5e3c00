import "server-only";
import webpush from "web-push";
import { keptSecret } from "@/lib/config";

let cached: { publicKey: string; privateKey: string } | undefined;

/**
 * The server's VAPID key pair (RFC 8292): generated on first use and kept in
 * `DATA_DIR/vapid-keys.json` (0600), like `auth-secret`, so every process on
 * this data folder signs pushes with the key browsers subscribed to.
 * Replacing it orphans every subscription (browsers must subscribe again).
 */
export function vapidKeys(): { publicKey: string; privateKey: string } {
  if (cached) return cached;
  const parsed = JSON.parse(keptSecret("vapid-keys.json", () => JSON.stringify(webpush.generateVAPIDKeys()))) as { publicKey?: unknown; privateKey?: unknown };
  if (typeof parsed.publicKey !== "string" || typeof parsed.privateKey !== "string") {
    throw new Error("DATA_DIR/vapid-keys.json is not a VAPID key pair; remove it to have a new one made (browsers then subscribe again).");
  }
  return (cached = { publicKey: parsed.publicKey, privateKey: parsed.privateKey });
}
