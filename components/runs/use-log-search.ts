"use client";
import { useCallback, useEffect, useRef, useState } from "react";

/** What GET /api/v1/runs/:id/search answers. */
type SearchPage = { data: number[]; more: boolean; scannedTo: number; lastSeq: number };

export type LogSearchState = {
  /** The query these hits are for ("" when no search). */
  query: string;
  /** Seqs of the matching lines found so far, in order. */
  hits: number[];
  /** More matches follow the last hit (the server stops at its cap). */
  more: boolean;
  /** The last seq searched. */
  scannedTo: number;
  loading: boolean;
  failed: boolean;
};

const EMPTY: LogSearchState = { query: "", hits: [], more: false, scannedTo: 0, loading: false, failed: false };
/** Wait this long after the last keystroke before asking the server. */
const TYPING_MS = 150;
/** Shortest time between two searches of the lines a running run added. */
const LIVE_SEARCH_MS = 1000;

export function searchUrl(runId: string, params: Record<string, string | number>): string {
  return `/api/v1/runs/${runId}/search?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

async function fetchSearch(url: string, signal?: AbortSignal): Promise<SearchPage> {
  const response = await fetch(url, { cache: "no-store", signal, headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`search: HTTP ${response.status}`);
  return (await response.json()) as SearchPage;
}

/**
 * Search of a run's whole log on the server (the page holds only a window of
 * it): the matching seqs in order, the first 1,000 at once and the next ones
 * on demand (`more`), and matches among new lines as the log grows (`total`).
 */
export function useLogSearch(runId: string, query: string, total: number) {
  const [state, setState] = useState<LogSearchState>(EMPTY);
  const busy = useRef(false);

  const q = query.trim();
  useEffect(() => {
    if (!q) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchSearch(searchUrl(runId, { q }), abort.signal)
        .then((page) => setState({ query: q, hits: page.data, more: page.more, scannedTo: page.scannedTo, loading: false, failed: false }))
        .catch(() => !abort.signal.aborted && setState({ ...EMPTY, query: q, failed: true }));
    }, TYPING_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [runId, q]);

  /** Search on after `scannedTo` (the lines since, or the matches past the cap). */
  const extend = useCallback(async () => {
    if (busy.current || !state.query || state.query !== q || state.failed) return;
    busy.current = true;
    try {
      const page = await fetchSearch(searchUrl(runId, { q, after: state.scannedTo }));
      setState((s) => (s.query !== q ? s : { ...s, hits: s.hits.concat(page.data), more: page.more, scannedTo: Math.max(s.scannedTo, page.scannedTo) }));
    } catch {
      // The next change of the log tries again.
    } finally {
      busy.current = false;
    }
  }, [runId, q, state.query, state.scannedTo, state.failed]);

  // New lines arrived since the search: look through them too, at most once a
  // second while a run prints (not past the cap: "next" goes on there).
  const lastExtend = useRef(0);
  useEffect(() => {
    if (!state.query || state.query !== q || state.failed || state.more || total <= state.scannedTo) return;
    const timer = setTimeout(
      () => {
        lastExtend.current = Date.now();
        void extend();
      },
      Math.max(0, lastExtend.current + LIVE_SEARCH_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [total, q, state.query, state.failed, state.more, state.scannedTo, extend]);

  // No search, or a new one not answered yet.
  if (!q) return { ...EMPTY, extend };
  if (state.query !== q) return { ...EMPTY, query: q, loading: true, extend };
  return { ...state, extend };
}

/** Whether `seq` is among the (ordered) hits: a binary search. */
export function isHit(hits: number[], seq: number): boolean {
  let lo = 0;
  let hi = hits.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = hits[mid]!;
    if (v === seq) return true;
    if (v < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The seq of the log's first error line (standard error, an error level, a failed status), or null when it has none. */
export async function findFirstError(runId: string): Promise<number | null> {
  const page = await fetchSearch(searchUrl(runId, { errors: 1, limit: 1 }));
  return page.data[0] ?? null;
}
