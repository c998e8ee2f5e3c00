import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { images, taskImages } from "@/db/schema";

/** Uploaded images live under DATA_DIR/uploads; rows point at them and are served only to their owner. */

export type TaskImageView = { id: string; originalName: string; mimeType: string; sizeBytes: number; filePath: string };

/** The images attached to one of the user's tasks, oldest first (an unknown or another user's task has none). */
export async function imagesForTask(userId: string, taskId: string): Promise<TaskImageView[]> {
  return db()
    .select({ id: images.id, originalName: images.originalName, mimeType: images.mimeType, sizeBytes: images.sizeBytes, filePath: images.filePath })
    .from(taskImages)
    .innerJoin(images, eq(images.id, taskImages.imageId))
    .where(and(eq(taskImages.taskId, taskId), eq(images.userId, userId)))
    .orderBy(asc(images.createdAt));
}
