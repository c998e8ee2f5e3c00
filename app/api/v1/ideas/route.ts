import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { createIdea, listIdeas } from "@/lib/ideas/ideas";
import { ideaCreateSchema, ideaListQuery, ideaSchema } from "@/lib/ideas/schemas";

const ideaList = listResponse(ideaSchema);

/** GET /api/v1/ideas?projectId=&status= — the caller's ideas, newest first. */
export const GET = apiRoute({ query: ideaListQuery }, async ({ user, query }) => ideaList.parse(await listIdeas(user.id, query)));

/** POST /api/v1/ideas `{ projectId, title, description, priority?, source? }` — source is "api" unless the body says "cli". */
export const POST = apiRoute({ body: ideaCreateSchema }, async ({ user, body }) => {
  const idea = await createIdea(user.id, { ...body, source: body.source === "cli" ? "cli" : "api" });
  return NextResponse.json(ideaSchema.parse(idea), { status: 201 });
});
