import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { createConversation, listConversations } from "@/lib/conversations/conversations";
import { conversationCreateSchema, conversationListQuery, conversationSchema } from "@/lib/conversations/schemas";

const conversationList = listResponse(conversationSchema);

/** GET /api/v1/conversations?q=&agentId=&projectId= — the caller's conversations, newest activity first. */
export const GET = apiRoute({ query: conversationListQuery }, async ({ user, query }) => conversationList.parse(await listConversations(user.id, query)));

/** POST /api/v1/conversations `{ agentId, projectId, title? }` */
export const POST = apiRoute({ body: conversationCreateSchema }, async ({ user, body }) => {
  return NextResponse.json(conversationSchema.parse(await createConversation(user.id, body)), { status: 201 });
});
