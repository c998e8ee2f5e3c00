import "server-only";
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { messages } from "@/db/schema";
import type { HistoryMessage } from "@/lib/executors/types";

/**
 * What a conversation said before the turn `runId` answers: the user's and the agent's
 * text, oldest first (tool calls stay out: an HTTP executor has no tools of its own).
 * Read when the turn starts, so messages stored by the turns before it are all there.
 */
export async function conversationHistory(conversationId: string, runId: string): Promise<HistoryMessage[]> {
  const [prompt] = await db()
    .select({ position: messages.position })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.runId, runId), eq(messages.role, "user")))
    .limit(1);
  if (!prompt) return [];
  const rows = await db()
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        lt(messages.position, prompt.position),
        inArray(messages.role, ["user", "assistant"]),
        inArray(messages.status, ["sent"]),
      ),
    )
    .orderBy(asc(messages.position));
  return rows.map((r) => ({ role: r.role as HistoryMessage["role"], content: r.content }));
}
