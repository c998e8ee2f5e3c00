import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { pushSubscriptionCreateSchema, pushSubscriptionSchema, pushUnsubscribeQuery } from "@/lib/push/schemas";
import { deletePushSubscription, listPushSubscriptions, savePushSubscription } from "@/lib/push/subscriptions";

const subscriptionList = listResponse(pushSubscriptionSchema);

/** GET /api/v1/push/subscriptions — the caller's browsers that take Web Push. */
export const GET = apiRoute({}, async ({ user }) => {
  return subscriptionList.parse({ data: await listPushSubscriptions(user.id), nextCursor: null });
});

/** POST /api/v1/push/subscriptions — a browser's `PushSubscription.toJSON()`; again for the same endpoint replaces it. */
export const POST = apiRoute({ body: pushSubscriptionCreateSchema }, async ({ user, body }) => {
  return NextResponse.json(pushSubscriptionSchema.parse(await savePushSubscription(user.id, body)), { status: 201 });
});

/** DELETE /api/v1/push/subscriptions?endpoint= — this browser takes no more pushes. */
export const DELETE = apiRoute({ query: pushUnsubscribeQuery }, async ({ user, query }) => {
  await deletePushSubscription(user.id, query.endpoint);
  return new Response(null, { status: 204 });
});
