"use client";
import { useDroppable } from "@dnd-kit/core";
import type { TaskStatus } from "@/lib/domain";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

type Props = {
  status: TaskStatus;
  /** Cards the column shows now. */
  count: number;
  /** More cards follow the ones shown: the count says "50+" and "Show more" loads the next page. */
  hasMore: boolean;
  loading: boolean;
  onShowMore: () => void;
  quickAdd: React.ReactNode;
  children: React.ReactNode;
};

/** One status column: a drop target with its heading and count, its quick-add, its cards, and "Show more" while more follow. */
export function BoardColumn({ status, count, hasMore, loading, onShowMore, quickAdd, children }: Props) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const headingId = `board-column-${status}`;
  const statusLabel = t(`board.status.${status}`);
  // The whole column is never counted (a 17,000-card column would cost a count per render): the loaded cards, "+" when more follow.
  const countText = t(hasMore ? "board.columnCountMore" : "board.columnCount", { count });
  return (
    <section
      ref={setNodeRef}
      role="listitem"
      aria-labelledby={headingId}
      data-status={status}
      className={cn(
        // relative: its screen-reader-only text stays inside the board's own scrolling box.
        "relative flex min-h-40 min-w-0 flex-col rounded-lg border border-zinc-200 bg-zinc-50 p-1.5 dark:border-zinc-800 dark:bg-zinc-950",
        isOver && "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950",
      )}
    >
      <div className="mb-1.5 flex items-center gap-0.5 pl-1">
        <h2 id={headingId} className="flex min-w-0 flex-1 items-center gap-1 text-sm font-semibold">
          <span className={cn("size-2 shrink-0 rounded-full", STATUS_DOT[status])} aria-hidden />
          <span className="truncate">{statusLabel}</span>
          {/* Read as "2 tasks"; shown as a small number so the status's name keeps its room. */}
          <span className="sr-only">{countText}</span>
          <span
            aria-hidden
            title={countText}
            className="rounded-full bg-zinc-200 px-1 text-xs font-medium text-zinc-700 tabular-nums dark:bg-zinc-800 dark:text-zinc-300"
          >
            {count}
            {hasMore && "+"}
          </span>
        </h2>
        {quickAdd}
      </div>
      <ul className="flex flex-1 flex-col gap-1.5">{children}</ul>
      {hasMore && (
        <Button
          type="button"
          variant="ghost"
          onClick={onShowMore}
          disabled={loading}
          aria-label={t("board.column.showMoreLabel", { status: statusLabel })}
          className="mt-1.5 w-full"
        >
          {loading ? t("board.column.loadingMore") : t("board.column.showMore")}
        </Button>
      )}
    </section>
  );
}

/** Each status keeps its own colour, on the column heading and the card's edge. */
export const STATUS_DOT: Record<TaskStatus, string> = {
  queued: "bg-zinc-400",
  in_progress: "bg-sky-500",
  review: "bg-violet-500",
  blocked: "bg-amber-500",
  done: "bg-emerald-500",
  cancelled: "bg-rose-400",
};
