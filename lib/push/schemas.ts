import { z } from "zod";

/** Decodes base64url (no padding) text, or null when it is not that. */
function base64urlBytes(value: string): Buffer | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, "base64url") : null;
}

/** What `PushSubscription.toJSON()` gives in the browser, as the bell sends it. */
export const pushSubscriptionCreateSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: "Must be the push service's http(s) URL." }).max(2048).describe("The push service's URL for this browser (`PushSubscription.endpoint`)."),
  expirationTime: z.number().nullable().optional().describe("Ignored: push services tell us when an endpoint is gone (404/410)."),
  keys: z.object({
    p256dh: z
      .string()
      .max(200)
      .refine((v) => {
        const bytes = base64urlBytes(v);
        return bytes?.length === 65 && bytes[0] === 4;
      }, "Must be the browser's P-256 public key: 65 bytes, base64url.")
      .describe("The browser's P-256 public key (uncompressed point, base64url)."),
    auth: z
      .string()
      .max(100)
      .refine((v) => base64urlBytes(v)?.length === 16, "Must be the 16-byte auth secret, base64url.")
      .describe("The browser's authentication secret (16 bytes, base64url)."),
  }),
});

export const pushSubscriptionSchema = z
  .object({
    id: z.string(),
    endpoint: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "PushSubscription", description: "A browser of the caller's that takes Web Push. The keys it sent are kept but never sent back." });

export const pushUnsubscribeQuery = z.object({
  endpoint: z.string().min(1).max(2048).describe("The endpoint of the subscription to remove."),
});

export const pushKeySchema = z.object({
  publicKey: z.string().describe("The server's VAPID public key (base64url): `applicationServerKey` for `PushManager.subscribe()`."),
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionCreateSchema>;
export type PushSubscriptionView = z.infer<typeof pushSubscriptionSchema>;
export type PushMessage = { title: string; link: string | null };
