import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { listMessages, sendMessage } from "@/lib/conversations/conversations";
import { messagePageQuery, messageSchema, messageSendSchema, messageSentSchema } from "@/lib/conversations/schemas";

const messageList = listResponse(messageSchema);

/** GET /api/v1/conversations/:id/messages — oldest first, paged. */
export const GET = apiRoute({ query: messagePageQuery }, async ({ user, params, query }) => messageList.parse(await listMessages(user.id, params.id!, query)));

/** POST /api/v1/conversations/:id/messages `{ content }` — 201 `{ message, run }`; stream the run at /runs/:runId/events. */
export const POST = apiRoute({ body: messageSendSchema }, async ({ user, params, body }) => {
  return NextResponse.json(messageSentSchema.parse(await sendMessage(user.id, params.id!, body.content)), { status: 201 });
});
