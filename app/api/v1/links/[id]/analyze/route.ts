import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { reanalyzeLink } from "@/lib/links/links";
import { linkAnalyzeSchema, linkSchema } from "@/lib/links/schemas";

/** POST /api/v1/links/:id/analyze `{ agentId? }` — fetch and analyse the link again. */
export const POST = apiRoute({ body: linkAnalyzeSchema }, async ({ user, params, body }) => {
  return NextResponse.json(linkSchema.parse(await reanalyzeLink(user.id, params.id!, body.agentId)), { status: 202 });
});
