"use client";
import { cn } from "@/components/ui/cn";
import { AnsiText } from "./ansi-text";
import { detailOf, summaryOf, type LogItem } from "./log-store";

export function lineClass(item: LogItem): string {
  if (item.kind === "status") return item.level === "error" ? "text-red-400" : "text-indigo-300";
  if (item.level === "error" || item.stream === "stderr") return "text-red-300";
  if (item.level === "warn") return "text-yellow-300";
  if (item.stream === "system") return "text-zinc-400";
  return "";
}

/** One line's content (after its number): plain text, a status change, or a tool call folded to its first line. */
export function LogItemContent({ item, wrap, statusText, onToggle }: { item: LogItem; wrap: boolean; statusText: string; onToggle: (open: boolean) => void }) {
  const lines = wrap ? "whitespace-pre-wrap break-words [overflow-wrap:anywhere]" : "whitespace-pre";
  if (item.kind === "status") {
    const error = typeof item.data?.error === "string" ? `: ${item.data.error}` : "";
    return (
      <div className={lines}>
        — {statusText}
        {error}
      </div>
    );
  }
  if (item.foldable) {
    return (
      <details open={item.open} onToggle={(e) => e.currentTarget.open !== item.open && onToggle(e.currentTarget.open)}>
        <summary className="cursor-pointer truncate text-sky-300 marker:text-zinc-500 hover:text-sky-200">
          <span className="mr-1 rounded bg-zinc-800 px-1 text-[10px] tracking-wide text-zinc-400 uppercase">{item.kind === "tool_use" ? "tool" : "result"}</span>
          <AnsiText text={summaryOf(item)} />
        </summary>
        {item.open && (
          <div className={cn("border-l border-zinc-700 pl-3 text-zinc-300", lines)}>
            <AnsiText text={detailOf(item)} />
          </div>
        )}
      </details>
    );
  }
  return <div className={lines}>{item.text === "" ? " " : <AnsiText text={item.text} />}</div>;
}
