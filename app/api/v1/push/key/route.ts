import { apiRoute } from "@/lib/api/route";
import { pushKeySchema } from "@/lib/push/schemas";
import { vapidKeys } from "@/lib/push/vapid";

/** GET /api/v1/push/key — the VAPID public key a browser subscribes with. */
export const GET = apiRoute({}, async () => {
  return pushKeySchema.parse({ publicKey: vapidKeys().publicKey });
});
