import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { taskRowNotTrashed } from "@/lib/tasks/tasks";
import { db } from "@/db/client";
import { images, tasks, taskImages } from "@/db/schema";
import { config } from "@/lib/config";
import { guardedInsert, planLimitCondition, planLimitError } from "@/lib/billing/limits";
import { readBodyBytes } from "@/lib/http/body";
import { AppError, notFoundError } from "@/lib/errors";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { newId } from "@/lib/domain/ids";
import { detectImageType, MAX_IMAGE_BYTES } from "./detect";

/** Uploaded images live under DATA_DIR/uploads/<userId>/; rows point at them and are served only to their owner. */

/** `filePath` is absolute (agents are given it); the row keeps it relative to the uploads folder. */
export type TaskImageView = { id: string; originalName: string; mimeType: string; sizeBytes: number; filePath: string };

const absolute = (relative: string) => path.join(config().uploadsDir, relative);

/** The images attached to one of the user's tasks, oldest first (an unknown or another user's task has none). */
export async function imagesForTask(userId: string, taskId: string): Promise<TaskImageView[]> {
  const rows = await db()
    .select({ id: images.id, originalName: images.originalName, mimeType: images.mimeType, sizeBytes: images.sizeBytes, filePath: images.filePath })
    .from(taskImages)
    .innerJoin(images, eq(images.id, taskImages.imageId))
    .where(and(eq(taskImages.taskId, taskId), eq(images.userId, userId)))
    .orderBy(asc(images.createdAt), asc(images.id));
  return rows.map((r) => ({ ...r, filePath: absolute(r.filePath) }));
}

export const imageTooBig = () =>
  new LocalizedError("validation", { key: "board.images.tooBig" }, { file: { key: "board.images.tooBig" } });
const notAnImage = () => new LocalizedError("validation", { key: "board.images.badType" }, { file: { key: "board.images.badType" } });
const noFile = () => new LocalizedError("validation", { key: "board.images.noFile" }, { file: { key: "board.images.noFile" } });

/**
 * Attaches an uploaded file to one of the user's tasks. Refuses, before
 * writing anything, a file over 10 MB, one whose bytes are not PNG, JPEG,
 * WebP or GIF, and one that would take the user past their plan's image
 * storage (403). The file is written first, then the image and link rows in
 * one batch whose INSERT checks the storage quota again, so a burst of
 * uploads at once cannot pass it (the file is removed again when refused).
 */
export async function attachImage(userId: string, taskId: string, file: { name: string; bytes: Uint8Array }): Promise<TaskImageView> {
  if (file.bytes.byteLength === 0) throw noFile();
  if (file.bytes.byteLength > MAX_IMAGE_BYTES) throw imageTooBig();
  const type = detectImageType(file.bytes);
  if (!type) throw notAnImage();
  const [task] = await db().select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.userId, userId), taskRowNotTrashed())).limit(1);
  if (!task) throw notFoundError("task");
  const size = file.bytes.byteLength;
  const early = await planLimitError(userId, "imageStorageBytes", size);
  if (early) throw early;

  const id = newId();
  const relative = path.join(userId, `${id}.${type.ext}`);
  await fs.mkdir(path.dirname(absolute(relative)), { recursive: true });
  await fs.writeFile(absolute(relative), file.bytes, { flag: "wx" });
  const originalName = (path.basename(file.name || "image").slice(0, 200) || "image").replace(/[\r\n]/g, " ");
  const row = { id, userId, filePath: relative, originalName, mimeType: type.mimeType, sizeBytes: size, sha256: createHash("sha256").update(file.bytes).digest("hex") };
  let inserted;
  try {
    [inserted] = await db().batch([
      db().run(guardedInsert(images, [row], userId, planLimitCondition("imageStorageBytes", size))),
      // Linked only when the quota let the image in.
      db().run(sql`INSERT INTO ${taskImages} (task_id, image_id) SELECT ${taskId}, ${id} WHERE EXISTS (SELECT 1 FROM ${images} WHERE ${images.id} = ${id})`),
    ]);
  } catch (error) {
    await fs.rm(absolute(relative), { force: true });
    throw error;
  }
  if (inserted.rowsAffected === 0) {
    await fs.rm(absolute(relative), { force: true });
    throw (await planLimitError(userId, "imageStorageBytes", size)) ?? new AppError("conflict", "Please try again.");
  }
  return { id, originalName, mimeType: type.mimeType, sizeBytes: file.bytes.byteLength, filePath: absolute(relative) };
}

/** One of the user's images with its bytes; another user's id is not_found. */
export async function readImage(userId: string, id: string) {
  const [row] = await db()
    .select({ mimeType: images.mimeType, filePath: images.filePath, originalName: images.originalName })
    .from(images)
    .where(and(eq(images.id, id), eq(images.userId, userId)))
    .limit(1);
  if (!row) throw notFoundError("image");
  const bytes = await fs.readFile(absolute(row.filePath)).catch(() => {
    throw notFoundError("image");
  });
  return { ...row, bytes };
}

/** Deletes one of the user's images: the row (its task links cascade) and the file. */
export async function deleteImage(userId: string, id: string): Promise<void> {
  const [row] = await db()
    .delete(images)
    .where(and(eq(images.id, id), eq(images.userId, userId)))
    .returning({ filePath: images.filePath });
  if (!row) throw notFoundError("image");
  await fs.rm(absolute(row.filePath), { force: true });
}

/** The ids of the images attached to these tasks (for cleaning up after deleting them). */
export async function imageIdsForTasks(userId: string, taskIds: string[]): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const rows = await db()
    .select({ id: images.id })
    .from(taskImages)
    .innerJoin(images, eq(images.id, taskImages.imageId))
    .where(and(inArray(taskImages.taskId, taskIds), eq(images.userId, userId)));
  return [...new Set(rows.map((r) => r.id))];
}

/** Deletes these images of the user (rows and files) that no task uses any more. */
export async function deleteUnusedImages(userId: string, imageIds: string[]): Promise<void> {
  if (imageIds.length === 0) return;
  const deleted = await db()
    .delete(images)
    .where(
      and(
        eq(images.userId, userId),
        inArray(images.id, imageIds),
        sql`NOT EXISTS (SELECT 1 FROM ${taskImages} WHERE ${taskImages.imageId} = ${images.id})`,
      ),
    )
    .returning({ filePath: images.filePath });
  await Promise.all(deleted.map((row) => fs.rm(absolute(row.filePath), { force: true })));
}

/**
 * Reads a multipart upload's field "file" without ever holding more than
 * the limit (plus room for the form's own framing) in memory: a body that
 * grows past it is refused as too big while streaming.
 */
export async function readUploadedFile(request: Request): Promise<{ name: string; bytes: Uint8Array }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw noFile();
  const body = await readBodyBytes(request, MAX_IMAGE_BYTES + 64 * 1024, imageTooBig);
  const form = await new Response(body, { headers: { "content-type": type } }).formData().catch(() => {
    throw noFile();
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw noFile();
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Removes every file the user uploaded (their account is being deleted; the rows go with it). */
export async function removeUserUploads(userId: string): Promise<void> {
  const folder = path.join(config().uploadsDir, userId);
  // The id comes from our own users row, but a path from the database is still checked before an rm -r.
  if (path.dirname(folder) !== config().uploadsDir || !/^[0-9a-f-]{36}$/.test(userId)) return;
  await fs.rm(folder, { recursive: true, force: true });
}
