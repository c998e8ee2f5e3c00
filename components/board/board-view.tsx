"use client";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import { useT } from "@/lib/i18n/client";
import type { BoardCard } from "@/lib/tasks/schemas";
import { cn } from "@/components/ui/cn";
import { TaskCard } from "./task-card";

type Props = {
  cards: BoardCard[];
  /** The current filters as a query string ("projectId=…"), kept in each card's panel link. */
  filterQuery: string;
  moveAction: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/**
 * The board's columns. A card moves by native drag and drop, by its "Move
 * to" menu, or with Alt+Left / Alt+Right while focused. The move shows at
 * once and is announced; if the server refuses it, the card goes back and
 * the message says why.
 */
export function BoardView({ cards: initial, filterQuery, moveAction }: Props) {
  const t = useT();
  // The move shows at once; when the action ends the server's board (revalidated) takes over, or the old one on an error.
  const [cards, showMove] = useOptimistic(initial, (all: BoardCard[], move: { id: string; status: TaskStatus }) =>
    all.map((c) => (c.id === move.id ? { ...c, status: move.status } : c)),
  );
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState("");
  const [dropTarget, setDropTarget] = useState<TaskStatus | null>(null);
  const [, startTransition] = useTransition();
  const refocus = useRef<string | null>(null);

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
      }
    });
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
      <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">{t("board.card.keyboardHint")}</p>
      <div role="list" aria-label={t("board.columns")} className="grid auto-cols-[minmax(15rem,1fr)] grid-flow-col gap-3 overflow-x-auto pb-4 relative">
        {TASK_STATUSES.map((status) => {
          const inColumn = cards.filter((c) => c.status === status);
          const headingId = `board-column-${status}`;
          return (
            <section
              key={status}
              role="listitem"
              aria-labelledby={headingId}
              data-status={status}
              onDragOver={(e) => {
                if (!e.dataTransfer.types.includes("application/x-switchboard-task")) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                setDropTarget(status);
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropTarget(null);
              }}
              onDrop={(e) => {
                e.preventDefault();
                setDropTarget(null);
                const id = e.dataTransfer.getData("application/x-switchboard-task");
                if (id) move(id, status);
              }}
              className={cn(
                "flex min-h-40 flex-col rounded-lg border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-950",
                dropTarget === status && "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950",
              )}
            >
              <h2 id={headingId} className="mb-2 flex items-center justify-between px-1 text-sm font-semibold">
                {t(`board.status.${status}`)}
                <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("board.columnCount", { count: inColumn.length })}</span>
              </h2>
              <ul className="flex flex-1 flex-col gap-2">
                {inColumn.map((card) => (
                  <li key={card.id}>
                    <TaskCard card={card} filterQuery={filterQuery} onMove={(s) => move(card.id, s)} onKeyDown={(e) => onCardKeyDown(e, card)} />
                  </li>
                ))}
              </ul>
              {inColumn.length === 0 && <p className="px-1 text-xs text-zinc-500 dark:text-zinc-400">{t("board.columnEmpty")}</p>}
            </section>
          );
        })}
      </div>
    </div>
  );
}
