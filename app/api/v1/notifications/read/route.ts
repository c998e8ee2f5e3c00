import { apiRoute } from "@/lib/api/route";
import { listNotifications, markNotificationsRead } from "@/lib/notifications/notifications";
import { notificationListSchema, notificationReadSchema } from "@/lib/notifications/schemas";

/** POST /api/v1/notifications/read — marks these (or all) read; answers like GET /notifications. */
export const POST = apiRoute({ body: notificationReadSchema }, async ({ user, body }) => {
  await markNotificationsRead(user.id, body.ids);
  return notificationListSchema.parse(await listNotifications(user.id, 10));
});
