"use client";
import { useLocale, useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { AnsiText } from "./ansi-text";
import { detailOf, summaryOf, type LogItem } from "./log-store";

const MARK_CLASS = { current: "bg-yellow-400/25", selected: "bg-indigo-400/20", hit: "bg-yellow-400/10" } as const;

/**
 * One line of the log at its place in the list: its number (a #L link, its
 * time on hover) and its content. `mark`: the current match, the selected
 * line, or another match.
 */
export function LogRow({
  item,
  top,
  rowRef,
  mark,
  wrap,
  gutter,
  title,
  onSelect,
  onToggle,
}: {
  item: LogItem;
  top: number;
  rowRef: (node: HTMLElement | null) => void;
  mark: keyof typeof MARK_CLASS | null;
  wrap: boolean;
  gutter: string;
  title: string | undefined;
  onSelect: (event: React.MouseEvent) => void;
  onToggle: (open: boolean) => void;
}) {
  const t = useT();
  const seq = item.seq;
  return (
    <div
      ref={rowRef}
      data-seq={seq}
      data-line={seq}
      data-current={mark === "current" || undefined}
      className={cn("absolute flex min-w-full pr-3", wrap ? "inset-x-0" : "left-0 w-max", lineClass(item), mark ? MARK_CLASS[mark] : "")}
      style={{ top }}
    >
      <a
        href={`#L${seq}`}
        onClick={onSelect}
        title={title}
        aria-label={t("run.log.lineLink", { n: seq })}
        tabIndex={-1}
        className="sticky left-0 shrink-0 bg-zinc-950 pr-2 pl-2 text-right text-zinc-500 tabular-nums select-none before:content-[attr(data-n)] hover:text-zinc-300"
        style={{ width: gutter, boxSizing: "content-box" }}
        // The number is drawn by CSS, so a line's text (copying, textContent) is only the line.
        data-n={seq}
      />
      <div className="min-w-0 flex-1">
        <LogItemContent item={item} wrap={wrap} statusText={item.kind === "status" ? t("run.statusLine", { status: t(`run.status.${item.text}`) }) : ""} missingText={t("run.log.missing")} onToggle={onToggle} />
      </div>
    </div>
  );
}

/** Where lines not held yet go, until their page comes. */
export function LoadingBlock({ from, to, top, bottom }: { from: number; to: number; top: number; bottom: number }) {
  const t = useT();
  const numbers = new Intl.NumberFormat(useLocale());
  return (
    <div className="absolute inset-x-0 overflow-hidden px-3 text-zinc-600" style={{ top, height: bottom - top }}>
      {t("run.log.loading", { from: numbers.format(from), to: numbers.format(to) })}
    </div>
  );
}

function lineClass(item: LogItem): string {
  if (item.kind === "status") return item.level === "error" ? "text-red-400" : "text-indigo-300";
  if (item.level === "error" || item.stream === "stderr") return "text-red-300";
  if (item.level === "warn") return "text-yellow-300";
  if (item.stream === "system") return "text-zinc-400";
  return "";
}

/** One line's content (after its number): plain text, a status change, or a tool call folded to its first line. */
function LogItemContent({ item, wrap, statusText, missingText, onToggle }: { item: LogItem; wrap: boolean; statusText: string; missingText: string; onToggle: (open: boolean) => void }) {
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
  if (item.kind === "missing") return <div className="text-zinc-600 italic">{missingText}</div>;
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
