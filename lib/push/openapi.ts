import type { ApiOperation } from "@/lib/api/operation";
import { listResponse } from "@/lib/api/schemas";
import { pushKeySchema, pushSubscriptionCreateSchema, pushSubscriptionSchema, pushUnsubscribeQuery } from "./schemas";

/** Web Push operations; lib/api/openapi.ts adds them to the registry. */
export const pushOperations: ApiOperation[] = [
  {
    id: "getPushKey",
    method: "get",
    path: "/push/key",
    summary: "The server's VAPID public key, to subscribe a browser with",
    tag: "account",
    auth: "user",
    response: { description: "Pass it as `applicationServerKey` to `PushManager.subscribe()`.", schema: pushKeySchema },
  },
  {
    id: "listPushSubscriptions",
    method: "get",
    path: "/push/subscriptions",
    summary: "The caller's browsers that take Web Push (all of them: `nextCursor` is always null)",
    tag: "account",
    auth: "user",
    response: { description: "Newest first; keys are never sent back.", schema: listResponse(pushSubscriptionSchema) },
  },
  {
    id: "createPushSubscription",
    method: "post",
    path: "/push/subscriptions",
    summary: "Subscribe a browser to the caller's notifications by Web Push",
    description:
      "The body is the browser's `PushSubscription.toJSON()`. The notifications chosen in GET /me/settings `notifications` are then also pushed to it, as `{ title, link }` encrypted to its keys. The endpoint must be https on a public address. Subscribing an endpoint again replaces it (a browser reaches only the account that subscribed it last).",
    tag: "account",
    auth: "user",
    body: pushSubscriptionCreateSchema,
    response: { status: 201, description: "The subscription.", schema: pushSubscriptionSchema },
  },
  {
    id: "deletePushSubscription",
    method: "delete",
    path: "/push/subscriptions",
    summary: "Unsubscribe a browser",
    tag: "account",
    auth: "user",
    query: pushUnsubscribeQuery,
    response: { status: 204, description: "Removed." },
    errors: ["not_found"],
  },
];
