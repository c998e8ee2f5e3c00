"use client";
import { DndContext, MouseSensor, TouchSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import type { BoardFilters } from "@/lib/tasks/board";
import type { BoardColumns } from "@/lib/tasks/board-columns";
import type { BoardCard } from "@/lib/tasks/schemas";
import { BoardColumn } from "./board-column";
import { QuickAdd } from "./quick-add";
import { TaskCard } from "./task-card";
import { boardOrder, useColumnPages, type BoardCardsAction, type ColumnPageAction } from "./use-column-pages";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Props = {
  /** Each column's first page, from the server. */
  columns: BoardColumns;
  filters: BoardFilters;
  /** The current filters as a query string ("projectId=…"), kept in each card's panel link. */
  filterQuery: string;
  moveAction: Action;
  createAction: Action;
  /** A column's next page ("Show more"). */
  pageAction: ColumnPageAction;
  /** The latest copies of the cards loaded beyond the first pages. */
  cardsAction: BoardCardsAction;
  defaultProjectId?: string;
};

/**
 * The board's columns, filling the page's width. Each column shows its first
 * page of cards and "Show more" while more follow. A card moves by drag and
 * drop (mouse, or press and hold on a touch screen: dnd-kit), by its "…"
 * menu, or with Alt+Left / Alt+Right while focused. The move shows at once
 * and is announced; if the server refuses it, the card goes back and the
 * message says why. Each column's "+" adds a task straight into it.
 */
export function BoardView({ columns, filters, filterQuery, moveAction, createAction, pageAction, cardsAction, defaultProjectId }: Props) {
  const t = useT();
  const pages = useColumnPages(columns, filters, pageAction, cardsAction);
  // The move shows at once; when the action ends the server's board (revalidated) and the kept card take over, or the old one on an error.
  const [cards, showMove] = useOptimistic(pages.cards, (all: BoardCard[], move: { id: string; status: TaskStatus }) =>
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
      if (!result.error) startTransition(() => pages.keep({ ...card, status }));
      else {
        const message = t("board.moveFailed", { title: card.title, error: result.error });
        setError(message);
        setAnnouncement(message);
        toast.error(message);
      }
    });
  }

  /** "Show more": the column's next page joins it; focus goes to its first new card, and the count is announced. */
  async function showMore(status: TaskStatus) {
    const label = t(`board.status.${status}`);
    setError("");
    try {
      const added = await pages.showMore(status);
      if (added[0]) refocus.current = added[0].id;
      setAnnouncement(t("board.column.loadedMore", { count: added.length, status: label }));
    } catch (thrown) {
      const message = t("board.column.loadFailed", { status: label, error: (thrown instanceof Error && thrown.message) || t("errors.unexpected") });
      setError(message);
      setAnnouncement(message);
      toast.error(message);
    }
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
          {TASK_STATUSES.map((status) => {
            const column = cards.filter((c) => c.status === status).sort(boardOrder);
            return (
              <BoardColumn
                key={status}
                status={status}
                count={column.length}
                hasMore={pages.hasMore(status)}
                loading={pages.loading === status}
                onShowMore={() => showMore(status)}
                quickAdd={<QuickAdd status={status} action={createAction} defaultProjectId={defaultProjectId} />}
              >
                {column.map((card) => (
                  <li key={card.id}>
                    <TaskCard card={card} filterQuery={filterQuery} onMove={(s) => move(card.id, s)} onKeyDown={(e) => onCardKeyDown(e, card)} />
                  </li>
                ))}
              </BoardColumn>
            );
          })}
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
