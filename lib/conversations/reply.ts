import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { messages, runEvents } from "@/db/schema";

type NewMessage = typeof messages.$inferInsert;
type Payload = { text?: unknown; data?: { id?: unknown; name?: unknown; input?: unknown; toolUseId?: unknown } };

/**
 * A finished turn's reply as messages, from the run's own log: the agent's text lines
 * joined into one assistant message per stretch of text, and each tool call a `tool`
 * message (name, input, and its result as content). They sort right after the prompt
 * they answer (`<prompt position>.<n>`), whatever was queued meanwhile.
 */
export async function replyMessages(conversationId: string, prompt: { position: string }, runId: string, error: string | null): Promise<NewMessage[]> {
  const rows = await db()
    .select({ kind: runEvents.kind, payload: runEvents.payload })
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.stream, "stdout"), inArray(runEvents.kind, ["text", "tool_use", "tool_result"])))
    .orderBy(asc(runEvents.seq));
  const out: NewMessage[] = [];
  const tools = new Map<string, NewMessage>();
  let text: string[] = [];
  const position = () => `${prompt.position}.${String(out.length).padStart(4, "0")}`;
  const flush = () => {
    if (text.some((t) => t.trim())) out.push({ conversationId, role: "assistant", content: text.join("\n").trim(), runId, position: position() });
    text = [];
  };
  for (const row of rows) {
    const p = (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Payload;
    const line = String(p.text ?? "");
    if (row.kind === "text") {
      text.push(line);
    } else if (row.kind === "tool_use") {
      flush();
      const message: NewMessage = {
        conversationId,
        role: "tool",
        content: "",
        runId,
        toolName: typeof p.data?.name === "string" ? p.data.name : line.split("(")[0]!,
        toolInput: p.data?.input ?? null,
        position: position(),
      };
      out.push(message);
      if (typeof p.data?.id === "string") tools.set(p.data.id, message);
    } else {
      // A result belongs to its call; one with no call known (a CLI that does not say) stands alone.
      const call = typeof p.data?.toolUseId === "string" ? tools.get(p.data.toolUseId) : undefined;
      if (call) call.content = call.content ? `${call.content}\n${line}` : line;
      else {
        flush();
        out.push({ conversationId, role: "tool", content: line, runId, position: position() });
      }
    }
  }
  flush();
  if (error) out.push({ conversationId, role: "system", content: `The turn failed: ${error}`, runId, position: position() });
  return out;
}
