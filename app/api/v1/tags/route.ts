import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { tagCreateSchema, tagListQuery, tagListSchema, tagSchema } from "@/lib/tags/schemas";
import { createTag, listTagsPage } from "@/lib/tags/tags";

/** GET /api/v1/tags?limit=&cursor= — the caller's tags, newest first, a page at a time. */
export const GET = apiRoute({ query: tagListQuery }, async ({ user, query }) => tagListSchema.parse(await listTagsPage(user.id, query)));

/** POST /api/v1/tags `{ name, content }` — 409 when the name is taken. */
export const POST = apiRoute({ body: tagCreateSchema }, async ({ user, body }) => {
  return NextResponse.json(tagSchema.parse(await createTag(user.id, body)), { status: 201 });
});
