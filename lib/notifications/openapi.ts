import type { ApiOperation } from "@/lib/api/operation";
import { notificationListQuery, notificationListSchema, notificationReadSchema } from "./schemas";

/** The bell's operations; lib/api/openapi.ts adds them to the registry. */
export const notificationOperations: ApiOperation[] = [
  {
    id: "listNotifications",
    method: "get",
    path: "/notifications",
    summary: "The caller's newest notifications and the unread count",
    description: "Created for the events chosen in GET /me/settings `notifications` (runs started from /runs or the API that finish or fail).",
    tag: "account",
    auth: "user",
    query: notificationListQuery,
    response: { description: "Newest first, with the number unread.", schema: notificationListSchema },
  },
  {
    id: "readNotifications",
    method: "post",
    path: "/notifications/read",
    summary: "Mark notifications read (these ids, or all)",
    tag: "account",
    auth: "user",
    body: notificationReadSchema,
    response: { description: "The list after the change.", schema: notificationListSchema },
  },
];
