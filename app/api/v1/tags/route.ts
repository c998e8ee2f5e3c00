import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { tagCreateSchema, tagListSchema, tagSchema } from "@/lib/tags/schemas";
import { createTag, listTags } from "@/lib/tags/tags";

/** GET /api/v1/tags — all the caller's tags, by name (one page). */
export const GET = apiRoute({}, async ({ user }) => tagListSchema.parse({ data: await listTags(user.id), nextCursor: null }));

/** POST /api/v1/tags `{ name, content }` — 409 when the name is taken. */
export const POST = apiRoute({ body: tagCreateSchema }, async ({ user, body }) => {
  return NextResponse.json(tagSchema.parse(await createTag(user.id, body)), { status: 201 });
});
