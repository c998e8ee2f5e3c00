import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { startRefinement } from "@/lib/ideas/refine";
import { ideaRefineSchema, ideaSchema } from "@/lib/ideas/schemas";

/** POST /api/v1/ideas/:id/refine `{ agentId }` — run a refinement agent on a pending idea (or one with questions). */
export const POST = apiRoute({ body: ideaRefineSchema }, async ({ user, params, body }) => {
  return NextResponse.json(ideaSchema.parse(await startRefinement(user.id, params.id!, body.agentId)), { status: 202 });
});
