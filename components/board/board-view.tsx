"use client";
import { DndContext, MouseSensor, TouchSensor, useDroppable, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import type { BoardCard } from "@/lib/tasks/schemas";
import type { BoardOption } from "@/lib/tasks/board-options";
import { cn } from "@/components/ui/cn";
import { QuickAdd } from "./quick-add";
import { TaskCard } from "./task-card";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Props = {
  cards: BoardCard[];
  /** The current filters as a query string ("projectId=…"), kept in each card's panel link. */
  filterQuery: string;
  moveAction: Action;
  createAction: Action;
  projects: BoardOption[];
  defaultProjectId?: string;
};

/**
 * The board's columns, filling the page's width. A card moves by drag and
 * drop (mouse, or press and hold on a touch screen: dnd-kit), by its "…"
 * menu, or with Alt+Left / Alt+Right while focused. The move shows at once
 * and is announced; if the server refuses it, the card goes back and the
 * message says why. Each column's "+" adds a task straight into it.
 */
export function BoardView({ cards: initial, filterQuery, moveAction, createAction, projects, defaultProjectId }: Props) {
  const t = useT();
  // The move shows at once; when the action ends the server's board (revalidated) takes over, or the old one on an error.
  const [cards, showMove] = useOptimistic(initial, (all: BoardCard[], move: { id: string; status: TaskStatus }) =>
    all.map((c) => (c.id === move.id ? { ...c, status: move.status } : c)),
  );
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState("");
  const [, startTransition] = useTransition();
  const refocus = useRef<string | null>(null);
  // A mouse drag starts after 6 px (so a click still opens the card); a touch drag after a 250 ms press, so the page still
  // scrolls. Mouse and touch sensors, not pointer events: a touch's pointer stream is cancelled as soon as the page pans.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );

  useEffect(() => {
    if (!refocus.current) return;
    document.querySelector<HTMLElement>(`[data-card-id="${refocus.current}"]`)?.focus();
    refocus.current = null;
  });

  function move(cardId: string, status: TaskStatus) {
    const card = cards.find((c) => c.id === cardId);
    if (!card || card.status === status) return;
    const label = t(`board.status.${status}`);
    setError("");
    setAnnouncement(t("board.moved", { title: card.title, status: label }));
    refocus.current = cardId;
    const form = new FormData();
    form.set("id", cardId);
    form.set("status", status);
    startTransition(async () => {
      showMove({ id: cardId, status });
      const result = await moveAction({}, form).catch(() => ({ error: t("errors.unexpected") }) as ActionState);
      if (result.error) {
        const message = t("board.moveFailed", { title: card.title, error: result.error });
        setError(message);
        setAnnouncement(message);
        toast.error(message);
      }
    });
  }

  function onDragEnd(event: DragEndEvent) {
    const status = event.over?.id;
    if (typeof status === "string" && (TASK_STATUSES as readonly string[]).includes(status)) move(String(event.active.id), status as TaskStatus);
  }

  function onCardKeyDown(event: React.KeyboardEvent, card: BoardCard) {
    if (!event.altKey || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
    event.preventDefault();
    const index = TASK_STATUSES.indexOf(card.status) + (event.key === "ArrowRight" ? 1 : -1);
    if (index >= 0 && index < TASK_STATUSES.length) move(card.id, TASK_STATUSES[index]!);
  }

  return (
    <div>
      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {error}
        </p>
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements: silent }}>
        <div
          role="list"
          aria-label={t("board.columns")}
          // Six columns share the width from `lg` up; below that they scroll sideways inside their own box.
          className="grid auto-cols-[minmax(15rem,85vw)] grid-flow-col gap-2 overflow-x-auto overscroll-x-contain pb-3 sm:auto-cols-[minmax(14rem,1fr)] lg:grid-flow-row lg:grid-cols-6 lg:overflow-visible"
        >
          {TASK_STATUSES.map((status) => (
            <Column key={status} status={status} count={cards.filter((c) => c.status === status).length}>
              <QuickAdd status={status} action={createAction} projects={projects} defaultProjectId={defaultProjectId} />
              {cards
                .filter((c) => c.status === status)
                .map((card) => (
                  <li key={card.id}>
                    <TaskCard card={card} filterQuery={filterQuery} onMove={(s) => move(card.id, s)} onKeyDown={(e) => onCardKeyDown(e, card)} />
                  </li>
                ))}
            </Column>
          ))}
        </div>
      </DndContext>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {t("board.dragHint")} {t("board.card.keyboardHint")}
      </p>
    </div>
  );
}

// Moves are announced by the board's own live region (with the server's answer), not by dnd-kit's defaults in English.
const silent = { onDragStart: () => undefined, onDragOver: () => undefined, onDragEnd: () => undefined, onDragCancel: () => undefined };

function Column({ status, count, children }: { status: TaskStatus; count: number; children: [React.ReactNode, React.ReactNode[]] }) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const headingId = `board-column-${status}`;
  const [quickAdd, list] = children;
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
          <span className="truncate">{t(`board.status.${status}`)}</span>
          {/* Read as "2 tasks"; shown as a small number so the status's name keeps its room. */}
          <span className="sr-only">{t("board.columnCount", { count })}</span>
          <span
            aria-hidden
            title={t("board.columnCount", { count })}
            className="rounded-full bg-zinc-200 px-1 text-xs font-medium text-zinc-700 tabular-nums dark:bg-zinc-800 dark:text-zinc-300"
          >
            {count}
          </span>
        </h2>
        {quickAdd}
      </div>
      <ul className="flex flex-1 flex-col gap-1.5">{list}</ul>
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
