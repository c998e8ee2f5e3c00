import { z } from "zod";
import { paginationQuery } from "@/lib/api/schemas";

/** Tag schemas shared by the API, server actions and forms (no "server-only"). Messages are i18n keys. */

export const tagName = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, { message: "errors.required" })
  .max(60, { message: "errors.tooLong" });
export const tagContent = z.string().trim().max(10_000, { message: "errors.tooLong" });

/** POST /api/v1/tags */
export const tagCreateSchema = z.object({
  name: tagName.describe("Unique among the caller's tags."),
  content: tagContent.default("").describe("The prompt snippet inserted into the prompts of tasks with this tag."),
});
/** PATCH /api/v1/tags/:id */
export const tagUpdateSchema = z.object({ name: tagName, content: tagContent }).partial();
export type TagCreateInput = z.output<typeof tagCreateSchema>;
export type TagUpdateInput = z.infer<typeof tagUpdateSchema>;

export const tagSchema = z
  .object({ id: z.string(), name: z.string(), content: z.string(), createdAt: z.string(), updatedAt: z.string() })
  .describe("A reusable prompt snippet.");

/** GET /api/v1/tags: `?limit=&cursor=` like every list. */
export const tagListQuery = paginationQuery;
export type TagListQuery = z.infer<typeof tagListQuery>;

export const tagListSchema = z.object({ data: z.array(tagSchema), nextCursor: z.string().nullable() });
/** A task's tags after PUT /tasks/:id/tags. */
export const taskTagListSchema = z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), content: z.string() })) });
