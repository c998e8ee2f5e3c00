"use client";
import { useDraggable } from "@dnd-kit/core";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { Check, Ellipsis, GitMerge, ListChecks } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import { useT } from "@/lib/i18n/client";
import type { BoardCard } from "@/lib/tasks/schemas";
import { cn } from "@/components/ui/cn";
import { StatusBadge } from "@/components/runs/run-view";
import { PriorityBadge } from "./priority-badge";

type Props = {
  card: BoardCard;
  filterQuery: string;
  onMove: (status: TaskStatus) => void;
  onKeyDown: (event: React.KeyboardEvent) => void;
};

export const menuContentClass =
  "z-50 min-w-44 rounded-md border border-zinc-200 bg-white p-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900";
export const menuItemClass =
  "flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none select-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800";

/** One compact card: drag it, open it (the title link), or move it with its "…" menu or Alt+arrows. */
export function TaskCard({ card, filterQuery, onMove, onKeyDown }: Props) {
  const t = useT();
  const router = useRouter();
  const { setNodeRef, listeners, attributes, transform, isDragging } = useDraggable({ id: card.id });
  const href = `/board?${new URLSearchParams([...new URLSearchParams(filterQuery), ["task", card.id]]).toString()}`;
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <article
      ref={setNodeRef}
      style={style}
      data-card-id={card.id}
      {...listeners}
      // dnd-kit's role="button" and tab stop would make the whole card one button; the title link and the menu are the controls.
      aria-roledescription={attributes["aria-roledescription"]}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      aria-label={card.title}
      className={cn(
        "group relative cursor-grab touch-manipulation rounded-md [-webkit-touch-callout:none] select-none border border-zinc-200 bg-white p-2 text-sm shadow-sm focus-within:ring-2 focus-within:ring-indigo-500 focus:ring-2 focus:ring-indigo-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900",
        isDragging && "z-20 cursor-grabbing opacity-90 shadow-lg ring-2 ring-indigo-500",
      )}
    >
      <div className="flex items-start gap-1">
        <Link
          href={href}
          scroll={false}
          aria-label={t("board.card.open", { title: card.title })}
          className="line-clamp-3 min-w-0 flex-1 font-medium break-words text-zinc-900 hover:text-indigo-600 hover:underline dark:text-zinc-100 dark:hover:text-indigo-400"
        >
          {card.title}
        </Link>
        <Menu.Root>
          <Menu.Trigger
            aria-label={t("board.card.actions", { title: card.title })}
            // The menu must open on a click or tap, not start a drag.
            onMouseDown={(e) => e.stopPropagation()}
            onTouchStart={(e) => e.stopPropagation()}
            className="-mt-0.5 -mr-0.5 shrink-0 rounded p-1 text-zinc-600 hover:bg-zinc-100 data-[state=open]:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:data-[state=open]:bg-zinc-800"
          >
            <Ellipsis aria-hidden className="size-4" />
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content align="end" sideOffset={4} className={menuContentClass}>
              <Menu.Item className={menuItemClass} onSelect={() => router.push(href, { scroll: false })}>
                {t("board.card.openItem")}
              </Menu.Item>
              <Menu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-700" />
              <Menu.Label className="px-2 py-1 text-xs text-zinc-600 dark:text-zinc-400">{t("board.card.moveLabel")}</Menu.Label>
              <Menu.RadioGroup value={card.status} onValueChange={(s) => onMove(s as TaskStatus)}>
                {TASK_STATUSES.map((s) => (
                  <Menu.RadioItem key={s} value={s} className={menuItemClass}>
                    <span className="w-4">
                      <Menu.ItemIndicator>
                        <Check aria-hidden className="size-4" />
                      </Menu.ItemIndicator>
                    </span>
                    {t(`board.status.${s}`)}
                  </Menu.RadioItem>
                ))}
              </Menu.RadioGroup>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-1 text-xs">
        <PriorityBadge priority={card.priority} />
        {card.tags.map((tag) => (
          <span key={tag.id} className="max-w-full truncate rounded bg-sky-100 px-1.5 py-0.5 text-sky-800 dark:bg-sky-950 dark:text-sky-300">
            #{tag.name}
          </span>
        ))}
        {card.subtaskCount > 0 && (
          <span className="inline-flex items-center gap-0.5 text-zinc-600 dark:text-zinc-400" title={t("board.card.subtasks", { done: card.subtasksDone, count: card.subtaskCount })}>
            <ListChecks aria-hidden className="size-3.5" />
            <span className="sr-only">{t("board.card.subtasks", { done: card.subtasksDone, count: card.subtaskCount })}</span>
            <span aria-hidden>
              {card.subtasksDone}/{card.subtaskCount}
            </span>
          </span>
        )}
      </div>
      {card.attempt && (
        <p className="mt-1.5">
          {card.attempt.merged ? (
            <StatusBadge status="completed" label={t("board.card.merged")} icon={<GitMerge aria-hidden className="size-3" />} />
          ) : (
            <StatusBadge status={card.attempt.status} label={t("board.card.attempt", { status: t(`run.status.${card.attempt.status}`) })} />
          )}
        </p>
      )}
      <p className="mt-1.5 truncate text-xs text-zinc-600 dark:text-zinc-400">
        {card.assignedAgentName ?? t("board.card.unassigned")} · {card.projectName}
      </p>
    </article>
  );
}
