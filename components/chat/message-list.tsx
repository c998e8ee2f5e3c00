import { RunView } from "@/components/runs/run-view";
import type { RunViewRun } from "@/components/runs/live-run";
import type { MessageView } from "@/lib/conversations/schemas";
import { CodeBlock, Markdown } from "./markdown";

type T = (key: string, vars?: Record<string, string | number>) => string;

function ToolMessage({ message, t }: { message: MessageView; t: T }) {
  const input = message.toolInput === undefined || message.toolInput === null ? null : JSON.stringify(message.toolInput, null, 2);
  return (
    <details className="rounded-md border border-zinc-200 text-sm dark:border-zinc-800" data-role="tool">
      <summary className="cursor-pointer px-3 py-1.5 font-mono text-xs text-zinc-600 dark:text-zinc-400">
        {t("chat.tool", { name: message.toolName ?? "tool" })}
      </summary>
      <div className="space-y-2 border-t border-zinc-200 p-2 dark:border-zinc-800">
        {input && <CodeBlock code={input} lang="input" />}
        {message.content && <CodeBlock code={message.content} lang="result" />}
      </div>
    </details>
  );
}

/**
 * A conversation's messages as a person reads them: the user's on the right, the agent's
 * as Markdown, tool calls folded, each turn's tokens and cost under its last message with
 * its run's log one click away; the turn running now streams live through the run view.
 */
export function MessageList({ messages, runs, t, numbers, money }: { messages: MessageView[]; runs: Map<string, RunViewRun>; t: T; numbers: Intl.NumberFormat; money: Intl.NumberFormat }) {
  return (
    <ol className="space-y-3" aria-label={t("chat.messages")}>
      {messages.map((m, i) => {
        const run = m.runId ? runs.get(m.runId) : undefined;
        const lastOfTurn = m.role !== "user" && m.runId && messages[i + 1]?.runId !== m.runId;
        const live = m.role === "user" && run && (run.status === "running" || run.status === "queued") && m.status !== "cancelled";
        return (
          <li key={m.id} data-message-role={m.role}>
            {m.role === "user" ? (
              <div className="ml-auto max-w-[85%] rounded-lg bg-indigo-50 px-3 py-2 dark:bg-indigo-950">
                <Markdown text={m.content} />
                {m.status !== "sent" && <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{t(`chat.message.${m.status}`)}</p>}
              </div>
            ) : m.role === "tool" ? (
              <ToolMessage message={m} t={t} />
            ) : m.role === "system" ? (
              <p className="text-xs text-amber-700 dark:text-amber-400">{m.content}</p>
            ) : (
              <div className="max-w-[95%]">
                <Markdown text={m.content} />
              </div>
            )}
            {live && run && (
              <div className="mt-2" data-live-turn>
                {run.status === "queued" && <p className="mb-1 text-xs text-zinc-500 dark:text-zinc-400">{t("chat.message.waiting")}</p>}
                <RunView key={run.id} run={run} logHeight="compact" />
              </div>
            )}
            {lastOfTurn && run && (
              <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                {t("chat.turn.figures", { input: numbers.format(run.inputTokens), output: numbers.format(run.outputTokens), cost: money.format(run.costUsd) })}{" "}
                · <a href={`/runs/${run.id}`} className="text-indigo-600 hover:underline dark:text-indigo-400">{t("chat.turn.log")}</a>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
