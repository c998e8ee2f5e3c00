import { apiRoute } from "@/lib/api/route";
import { tagSchema, tagUpdateSchema } from "@/lib/tags/schemas";
import { deleteTag, getTag, updateTag } from "@/lib/tags/tags";

/** GET /api/v1/tags/:id */
export const GET = apiRoute({}, async ({ user, params }) => tagSchema.parse(await getTag(user.id, params.id!)));

/** PATCH /api/v1/tags/:id `{ name?, content? }` */
export const PATCH = apiRoute({ body: tagUpdateSchema }, async ({ user, params, body }) => tagSchema.parse(await updateTag(user.id, params.id!, body)));

/** DELETE /api/v1/tags/:id — it comes off every task. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteTag(user.id, params.id!);
  return new Response(null, { status: 204 });
});
