import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { forkCheckpoint } from "@/lib/checkpoints/checkpoints";
import { getConversation } from "@/lib/conversations/conversations";
import { conversationSchema, forkSchema } from "@/lib/conversations/schemas";

/** POST /api/v1/checkpoints/:id/fork `{ title? }` — 201, a new conversation whose history ends at the checkpoint. */
export const POST = apiRoute({ body: forkSchema }, async ({ user, params, body }) => {
  const id = await forkCheckpoint(user.id, params.id!, body.title);
  return NextResponse.json(conversationSchema.parse(await getConversation(user.id, id)), { status: 201 });
});
