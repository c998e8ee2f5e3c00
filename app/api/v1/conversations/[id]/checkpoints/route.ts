import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { listCheckpoints, takeCheckpoint } from "@/lib/checkpoints/checkpoints";
import { checkpointCreateSchema, checkpointSchema } from "@/lib/conversations/schemas";

const checkpointList = listResponse(checkpointSchema);

/** GET /api/v1/conversations/:id/checkpoints — oldest first (one page of up to 1000). */
export const GET = apiRoute({}, async ({ user, params }) => checkpointList.parse({ data: await listCheckpoints(user.id, params.id!), nextCursor: null }));

/** POST /api/v1/conversations/:id/checkpoints `{ label? }` — a snapshot of the project's files now. */
export const POST = apiRoute({ body: checkpointCreateSchema }, async ({ user, params, body }) => {
  return NextResponse.json(checkpointSchema.parse(await takeCheckpoint(user.id, params.id!, { label: body.label })), { status: 201 });
});
