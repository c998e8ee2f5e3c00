"use client";
import Link from "next/link";
import { useId } from "react";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import { useT } from "@/lib/i18n/client";
import type { BoardCard } from "@/lib/tasks/schemas";
import { StatusBadge } from "@/components/runs/run-view";
import { PriorityBadge } from "./priority-badge";

type Props = {
  card: BoardCard;
  filterQuery: string;
  onMove: (status: TaskStatus) => void;
  onKeyDown: (event: React.KeyboardEvent) => void;
};

/** One card: drag it, open it (the title link), or move it with its menu or Alt+arrows. */
export function TaskCard({ card, filterQuery, onMove, onKeyDown }: Props) {
  const t = useT();
  const selectId = useId();
  const href = `/board?${new URLSearchParams([...new URLSearchParams(filterQuery), ["task", card.id]]).toString()}`;
  return (
    <article
      data-card-id={card.id}
      tabIndex={-1}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData("application/x-switchboard-task", card.id);
        e.dataTransfer.setData("text/plain", card.title);
        e.dataTransfer.effectAllowed = "move";
      }}
      onKeyDown={onKeyDown}
      aria-label={card.title}
      className="cursor-grab rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-sm focus-within:ring-2 focus-within:ring-indigo-500 focus:ring-2 focus:ring-indigo-500 focus:outline-none active:cursor-grabbing dark:border-zinc-700 dark:bg-zinc-900"
    >
      <Link
        href={href}
        scroll={false}
        aria-label={t("board.card.open", { title: card.title })}
        className="block font-medium break-words text-zinc-900 hover:text-indigo-600 hover:underline dark:text-zinc-100 dark:hover:text-indigo-400"
      >
        {card.title}
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
        <PriorityBadge priority={card.priority} />
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{t(`board.type.${card.type}`)}</span>
        {card.tags.map((tag) => (
          <span key={tag.id} className="rounded bg-sky-100 px-1.5 py-0.5 text-sky-800 dark:bg-sky-950 dark:text-sky-300">
            #{tag.name}
          </span>
        ))}
      </div>
      {card.attempt && (
        <p className="mt-2">
          <StatusBadge
            status={card.attempt.merged ? "completed" : card.attempt.status}
            label={card.attempt.merged ? t("board.card.merged") : t("board.card.attempt", { status: t(`run.status.${card.attempt.status}`) })}
          />
        </p>
      )}
      <p className="mt-2 flex flex-wrap justify-between gap-1 text-xs text-zinc-500 dark:text-zinc-400">
        <span>{card.assignedAgentName ?? t("board.card.unassigned")}</span>
        {card.subtaskCount > 0 && <span>{t("board.card.subtasks", { done: card.subtasksDone, count: card.subtaskCount })}</span>}
      </p>
      <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400">{card.projectName}</p>
      <label htmlFor={selectId} className="sr-only">
        {t("board.card.moveTo", { title: card.title })}
      </label>
      <select
        id={selectId}
        value={card.status}
        onChange={(e) => onMove(e.target.value as TaskStatus)}
        className="mt-2 w-full rounded border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      >
        {TASK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`board.status.${s}`)}
          </option>
        ))}
      </select>
    </article>
  );
}
