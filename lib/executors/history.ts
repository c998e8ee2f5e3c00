import type { ExecutorContext, HistoryMessage } from "./types";

/**
 * The HTTP executors keep no session: every turn of a conversation sends the
 * whole history. A long conversation would pass the model's context window,
 * so the oldest messages are left out first, and the run's log says how many.
 * Tokens are estimated at 4 characters each: a little generous for English,
 * cheap, and the same for every provider.
 */

/** What the history and the new message may take of a model's context, in estimated tokens. */
export const HISTORY_BUDGET_TOKENS = 100_000;

export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export type TrimmedHistory = { messages: HistoryMessage[]; dropped: number };

/**
 * The newest messages of `history` that fit in `budget` together with `task`.
 * The kept history starts with a user message, as both chat APIs expect.
 */
export function trimHistory(history: HistoryMessage[], task: string, budget = HISTORY_BUDGET_TOKENS): TrimmedHistory {
  let left = budget - estimateTokens(task);
  let start = history.length;
  while (start > 0 && left - estimateTokens(history[start - 1]!.content) >= 0) {
    left -= estimateTokens(history[start - 1]!.content);
    start--;
  }
  while (start < history.length && history[start]!.role !== "user") start++;
  return { messages: history.slice(start), dropped: start };
}

/** The log line that says what was left out. */
export function trimNote(dropped: number): string {
  return `${dropped} earlier message${dropped === 1 ? "" : "s"} of this conversation left out to fit the model's context.`;
}

/**
 * The messages to send for this turn: the trimmed history (consecutive messages of one
 * role joined, since the Messages API wants user and assistant in turn) and the task.
 * Emits the note when something was left out.
 */
export function conversationMessages(ctx: Pick<ExecutorContext, "history" | "task" | "emit">, budget = HISTORY_BUDGET_TOKENS): HistoryMessage[] {
  const { messages, dropped } = trimHistory(ctx.history ?? [], ctx.task, budget);
  if (dropped > 0) ctx.emit({ stream: "system", kind: "note", level: "warn", text: trimNote(dropped) });
  const out: HistoryMessage[] = [];
  for (const m of [...messages, { role: "user" as const, content: ctx.task }]) {
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else out.push({ ...m });
  }
  return out;
}
