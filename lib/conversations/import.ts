import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { agents, conversations, messages } from "@/db/schema";
import { getAgent } from "@/lib/agents/agents";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/domain/ids";
import { getProject } from "@/lib/projects/projects";
import { getUserSetting } from "@/lib/users/preferences";

/**
 * Claude Code keeps each session as JSON lines under ~/.claude/projects/<folder>/<id>.jsonl:
 * `user` lines (a prompt, or tool_result blocks answering tool calls), `assistant` lines
 * (text, thinking and tool_use blocks), and bookkeeping lines (`summary`,
 * `file-history-snapshot`, `queue-operation`, `system`, and kinds newer CLIs add). The
 * conversation keeps what a person reads: prompts, replies, tool calls with their results.
 * Bookkeeping and unknown kinds are skipped; a line that is not a JSON object refuses the
 * whole file, naming the line.
 */

export const MAX_SESSION_FILE_BYTES = 20 * 1024 * 1024;

type Json = Record<string, unknown>;
type Parsed = { sessionId: string; title: string; cwd: string | null; messages: Array<Omit<typeof messages.$inferInsert, "conversationId" | "position">> };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const blocksOf = (content: unknown): Json[] => (Array.isArray(content) ? content.filter(isObject) : typeof content === "string" ? [{ type: "text", text: content }] : []);

function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  return blocksOf(content)
    .map((b) => (typeof b.text === "string" ? b.text : ""))
    .filter(Boolean)
    .join("\n");
}

export function parseClaudeSession(text: string): Parsed {
  let sessionId = "";
  let summary = "";
  let cwd: string | null = null;
  const out: Parsed["messages"] = [];
  const tools = new Map<string, Parsed["messages"][number]>();
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new AppError("validation", `Line ${index + 1} is not JSON: a Claude Code session file has one JSON object per line.`);
    }
    if (!isObject(value) || typeof value.type !== "string") {
      throw new AppError("validation", `Line ${index + 1} is not a session entry: each line must be a JSON object with a "type".`);
    }
    if (!sessionId && typeof value.sessionId === "string") sessionId = value.sessionId;
    if (!cwd && typeof value.cwd === "string" && value.cwd.startsWith("/")) cwd = value.cwd;
    const message = isObject(value.message) ? value.message : {};
    const createdAt = typeof value.timestamp === "string" && !Number.isNaN(Date.parse(value.timestamp)) ? new Date(value.timestamp).toISOString() : undefined;
    if (value.type === "summary" && typeof value.summary === "string") summary ||= value.summary;
    else if (value.type === "user") {
      if (value.isMeta === true) return;
      const texts: string[] = [];
      for (const block of blocksOf(message.content)) {
        if (block.type === "tool_result") {
          const call = typeof block.tool_use_id === "string" ? tools.get(block.tool_use_id) : undefined;
          const result = resultText(block.content);
          if (call) call.content = call.content ? `${call.content}\n${result}` : result;
          else out.push({ role: "tool", content: result, createdAt });
        } else if (block.type === "text" && typeof block.text === "string") texts.push(block.text);
      }
      if (texts.join("").trim()) out.push({ role: "user", content: texts.join("\n"), createdAt });
    } else if (value.type === "assistant") {
      for (const block of blocksOf(message.content)) {
        if (block.type === "text" && typeof block.text === "string" && block.text.trim()) out.push({ role: "assistant", content: block.text, createdAt });
        else if (block.type === "tool_use") {
          const call = { role: "tool" as const, content: "", toolName: typeof block.name === "string" ? block.name : "tool", toolInput: block.input ?? null, createdAt };
          out.push(call);
          if (typeof block.id === "string") tools.set(block.id, call);
        }
      }
    }
    // file-history-snapshot, queue-operation, system and kinds not known yet: nothing a person reads.
  });
  if (!sessionId) throw new AppError("validation", "No line of this file names its sessionId; is it a Claude Code session file?");
  const firstPrompt = out.find((m) => m.role === "user")?.content ?? "";
  return { sessionId, title: (summary || firstPrompt.split("\n")[0]! || "Imported session").slice(0, 200), cwd, messages: out };
}

/** The agent an import goes to: the one named, else the user's default agent if it is claude-code, else their first claude-code agent. */
export async function sessionImportAgent(userId: string, agentId?: string) {
  if (agentId) return getAgent(userId, agentId);
  const preferred = await getUserSetting(userId, "defaultAgentId");
  if (preferred) {
    const agent = await getAgent(userId, preferred).catch(() => null);
    if (agent?.executor === "claude-code") return agent;
  }
  const [first] = await db()
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.userId, userId), eq(agents.executor, "claude-code"), isNull(agents.deletedAt)))
    .orderBy(asc(agents.id))
    .limit(1);
  if (!first) throw new AppError("conflict", "You have no claude-code agent to continue this session with; create one, or pass agentId.");
  return getAgent(userId, first.id);
}

/** The rows of a conversation made of a parsed session (not inserted): for this file's import, and for bulk imports (lib/imports). */
export function claudeSessionRows(userId: string, target: { projectId: string; agentId: string }, parsed: Parsed) {
  const id = newId();
  const rows = parsed.messages.map((m) => {
    const mid = newId();
    return { ...m, id: mid, conversationId: id, position: mid };
  });
  const conversation: typeof conversations.$inferInsert = { id, userId, agentId: target.agentId, projectId: target.projectId, title: parsed.title, sessionId: parsed.sessionId };
  return { conversation, messages: rows };
}

/** Makes a conversation of a Claude Code session file; its next message resumes that session. Returns its id. */
export async function importClaudeSession(userId: string, input: { projectId: string; agentId?: string }, text: string): Promise<string> {
  const parsed = parseClaudeSession(text);
  const [project, agent] = await Promise.all([getProject(userId, input.projectId), sessionImportAgent(userId, input.agentId)]);
  const { conversation, messages: rows } = claudeSessionRows(userId, { projectId: project.id, agentId: agent.id }, parsed);
  const insert = db().insert(conversations).values(conversation);
  const CHUNK = 500;
  const inserts = [];
  for (let i = 0; i < rows.length; i += CHUNK) inserts.push(db().insert(messages).values(rows.slice(i, i + CHUNK)));
  await db().batch([insert, ...inserts]);
  return conversation.id!;
}
