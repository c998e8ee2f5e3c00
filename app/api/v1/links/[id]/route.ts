import { apiRoute } from "@/lib/api/route";
import { deleteLink, getLink } from "@/lib/links/links";
import { linkDetailSchema } from "@/lib/links/schemas";

/** GET /api/v1/links/:id — one of the caller's links, with the page's text. */
export const GET = apiRoute({}, async ({ user, params }) => linkDetailSchema.parse(await getLink(user.id, params.id!)));

/** DELETE /api/v1/links/:id — the link (an analysis under way is cancelled; its run stays in /runs). */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteLink(user.id, params.id!);
  return new Response(null, { status: 204 });
});
