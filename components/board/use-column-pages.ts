"use client";
import { useEffect, useState } from "react";
import { TASK_STATUSES, type TaskStatus } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import type { BoardFilters } from "@/lib/tasks/board";
import type { BoardColumn, BoardColumns } from "@/lib/tasks/board-columns";
import type { BoardCard, BoardCursor } from "@/lib/tasks/schemas";

export type ColumnPageAction = (state: ActionState, formData: FormData) => Promise<ActionState & { page?: BoardColumn }>;
export type BoardCardsAction = (state: ActionState, formData: FormData) => Promise<ActionState & { cards?: BoardCard[] }>;
type Tail = { after: BoardCursor; hasMore: boolean };

/**
 * The board's cards by column: the server's first page of each column (fresh after every
 * revalidation) plus what this page added itself: the pages "Show more" fetched, and cards
 * it moved (a card moved into a column past that column's first page is kept where it went,
 * though no first page holds it). Each column is in board order, so a moved card lands among
 * the loaded cards where it belongs. Whenever the server's board changes (a move, an edit, an
 * agent's progress), the cards this page added are fetched again, so none of them goes stale.
 */
export function useColumnPages(columns: BoardColumns, filters: BoardFilters, pageAction: ColumnPageAction, cardsAction: BoardCardsAction) {
  const [loaded, setLoaded] = useState<BoardCard[]>([]);
  // Per column that has shown more: the last card fetched (where the next page starts) and whether more follow.
  const [tails, setTails] = useState<Partial<Record<TaskStatus, Tail>>>({});
  const [loading, setLoading] = useState<TaskStatus | null>(null);

  const byId = new Map<string, BoardCard>();
  for (const card of loaded) byId.set(card.id, card);
  for (const status of TASK_STATUSES) for (const card of columns[status].cards) byId.set(card.id, card); // the server's copy is the latest

  useEffect(() => {
    const ids = loaded.map((c) => c.id);
    if (ids.length === 0) return;
    let current = true;
    const form = formOf(filters);
    form.set("ids", ids.join(","));
    void cardsAction({}, form)
      .then((result) => {
        if (!current || !result.cards) return;
        const fresh = new Map(result.cards.map((c) => [c.id, c]));
        // Cards that left this board (trashed, no longer matching the filters) leave the page too.
        const asked = new Set(ids);
        setLoaded((cards) => cards.flatMap((c) => (fresh.has(c.id) ? [fresh.get(c.id)!] : asked.has(c.id) ? [] : [c])));
      })
      .catch(() => undefined); // the cards stay as they were; the next change tries again
    return () => {
      current = false;
    };
    // Only a new board from the server is a reason, not the cards this refresh or "Show more" added; the filters are fixed (the view is keyed by them).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns]);

  const hasMore = (status: TaskStatus) => tails[status]?.hasMore ?? columns[status].hasMore;

  /** Keeps a card this page moved (with its new status) whether or not a first page holds it. */
  function keep(card: BoardCard) {
    setLoaded((cards) => [...cards.filter((c) => c.id !== card.id), card]);
  }

  /** Fetches a column's next page; resolves to the new cards, or throws the server's message. */
  async function showMore(status: TaskStatus): Promise<BoardCard[]> {
    const after = tails[status]?.after ?? cursorOf(columns[status].cards.at(-1));
    if (!after) return [];
    const form = formOf(filters);
    form.set("status", status);
    form.set("afterPriority", String(after.priority));
    form.set("afterPosition", String(after.position));
    form.set("afterId", after.id);
    setLoading(status);
    try {
      const result = await pageAction({}, form);
      if (!result.page) throw new Error(result.error);
      const page = result.page;
      setLoaded((cards) => [...cards, ...page.cards]);
      setTails((all) => ({ ...all, [status]: { after: cursorOf(page.cards.at(-1)) ?? after, hasMore: page.hasMore } }));
      return page.cards;
    } finally {
      setLoading(null);
    }
  }

  return { cards: [...byId.values()], hasMore, keep, showMore, loading };
}

function formOf(filters: BoardFilters): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(filters)) if (value) form.set(name, value);
  return form;
}

const cursorOf = (card: BoardCard | undefined): BoardCursor | undefined =>
  card && { priority: card.priority, position: card.position, id: card.id };

/** A column's order: highest priority first, then position, then newest (ids are time-ordered). */
export function boardOrder(a: BoardCard, b: BoardCard): number {
  return b.priority - a.priority || a.position - b.position || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
