import { z } from "zod";
import { NOTIFICATION_EVENTS } from "@/lib/users/settings-schemas";

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_EVENTS),
    title: z.string(),
    link: z.string().nullable(),
    read: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "Notification", description: "Something the user asked to hear about (GET /me/settings `notifications`)." });

export const notificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const notificationListSchema = z.object({
  data: z.array(notificationSchema).describe("Newest first."),
  unread: z.number().int().describe("How many are unread in all."),
});

export const notificationReadSchema = z.object({
  ids: z.array(z.string().max(64)).max(100).optional().describe("Only these; left out, all of the caller's."),
});

export type NotificationView = z.infer<typeof notificationSchema>;
