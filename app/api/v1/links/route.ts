import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { listLinks, saveLinks } from "@/lib/links/links";
import { linkCreateSchema, linkListQuery, linkSchema } from "@/lib/links/schemas";

const linkList = listResponse(linkSchema);

/** GET /api/v1/links?status=&domain=&q= — the caller's saved links, newest first. */
export const GET = apiRoute({ query: linkListQuery }, async ({ user, query }) => linkList.parse(await listLinks(user.id, query)));

/** POST /api/v1/links `{ url, agentId? }` — save a link; it is fetched and analysed in the background (status `pending`). */
export const POST = apiRoute({ body: linkCreateSchema }, async ({ user, body }) => {
  const [link] = await saveLinks(user.id, [body.url], { agentId: body.agentId });
  return NextResponse.json(linkSchema.parse(link), { status: 201 });
});
