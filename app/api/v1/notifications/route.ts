import { apiRoute } from "@/lib/api/route";
import { listNotifications } from "@/lib/notifications/notifications";
import { notificationListQuery, notificationListSchema } from "@/lib/notifications/schemas";

/** GET /api/v1/notifications — the caller's newest notifications and how many are unread. */
export const GET = apiRoute({ query: notificationListQuery }, async ({ user, query }) => {
  return notificationListSchema.parse(await listNotifications(user.id, query.limit));
});
