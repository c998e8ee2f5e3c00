import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { getConversation } from "@/lib/conversations/conversations";
import { importClaudeSession, MAX_SESSION_FILE_BYTES } from "@/lib/conversations/import";
import { conversationSchema, importQuery } from "@/lib/conversations/schemas";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";

/** POST /api/v1/conversations/import?projectId=&agentId= — a Claude Code session file (JSON lines) as the raw body. */
export const POST = apiRoute({ query: importQuery }, async ({ user, query, request }) => {
  const text = await readBodyText(request, MAX_SESSION_FILE_BYTES, () => new AppError("payload_too_large", "A session file may be at most 20 MB."));
  const id = await importClaudeSession(user.id, query, text);
  return NextResponse.json(conversationSchema.parse(await getConversation(user.id, id)), { status: 201 });
});
