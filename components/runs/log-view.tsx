"use client";
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { AnsiText } from "./ansi-text";
import { detailOf, summaryOf, type LogItem, type LogStore } from "./log-store";

/** Pixels rendered above and below the viewport. */
const OVERSCAN = 600;

/**
 * The run's output as a virtualised list: only the items in view (plus some
 * overscan) are in the DOM, placed at offsets the store keeps; each rendered
 * item is measured after layout (lines wrap), and the store moves the ones
 * below. Follows the end while the user is at the bottom; scrolling up stops
 * following and shows "Jump to latest".
 */
/** `version` changes whenever the store got new items, so the list renders again. */
/** "page": most of the screen (/runs/[id]); "compact": a panel's worth, for runs shown inside other pages. */
export type LogHeight = "page" | "compact";

export function LogView({ store, emptyText, height = "page" }: { store: LogStore; version: number; emptyText: string; height?: LogHeight }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useRef(new Set<HTMLElement>());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const [follow, setFollow] = useState(true);
  const [, remeasure] = useReducer((x: number) => x + 1, 0);
  const lastTop = useRef(0);
  const ourTop = useRef(-1);
  const following = useRef(true);

  // The window of items to render.
  const count = store.length;
  const total = store.totalHeight;
  // While following, the window is the end of the list (the layout effect scrolls there),
  // so our own scrolling needs no second render.
  const top = follow && viewport ? Math.max(0, total - viewport) : scrollTop;
  const first = count ? store.indexAt(Math.max(0, top - OVERSCAN)) : 0;
  let last = first;
  const bottom = top + (viewport || 800) + OVERSCAN;
  while (last + 1 < count && store.topOf(last + 1) < bottom) last++;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Measure what was rendered; keep the first visible line still when items above it change height.
    const anchor = count ? store.indexAt(el.scrollTop) : 0;
    let shift = 0;
    let changed = false;
    for (const node of rows.current) {
      const index = Number(node.dataset.index);
      const delta = store.setHeight(index, node.offsetHeight);
      if (delta !== 0) {
        changed = true;
        if (index < anchor) shift += delta;
      }
    }
    if (changed) {
      // The spacer's height is React's, but set it now so the scroll below is not clamped.
      const spacer = el.firstElementChild as HTMLElement | null;
      if (spacer) spacer.style.height = `${store.totalHeight}px`;
    }
    if (follow) {
      const target = Math.max(0, el.scrollHeight - el.clientHeight);
      if (Math.abs(el.scrollTop - target) > 1) {
        ourTop.current = target;
        el.scrollTop = target;
      }
    } else if (shift !== 0) {
      ourTop.current = el.scrollTop + shift;
      el.scrollTop += shift;
    }
    if (changed) remeasure();
  }); // after every render: new items, scrolling, resizing and toggles all need a measure

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setViewport(el.clientHeight);
      remeasure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    following.current = follow;
  }, [follow]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const top = el.scrollTop;
    const ours = Math.abs(top - ourTop.current) <= 1;
    const atBottom = top + el.clientHeight >= el.scrollHeight - 8;
    const previous = lastTop.current;
    lastTop.current = top;
    if (ours && following.current) return; // our own follow-scroll: already rendered for it
    if (atBottom) setFollow(true);
    // Moving up by the user's hand (not our own anchoring or following) stops following.
    else if (top < previous - 1 && !ours) setFollow(false);
    setScrollTop(top);
  }, []);

  const jumpToLatest = () => {
    setFollow(true);
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  // Rendered rows register themselves for measuring (React 19 ref cleanup removes them).
  const rowRef = useCallback((node: HTMLElement | null) => {
    if (!node) return;
    const set = rows.current;
    set.add(node);
    return () => {
      set.delete(node);
    };
  }, []);

  const items: React.ReactNode[] = [];
  for (let i = first; i < count && i <= last; i++) {
    const item = store.items[i]!;
    items.push(
      <div
        key={item.seq}
        ref={rowRef}
        data-index={i}
        data-seq={item.seq}
        className={cn("absolute inset-x-0 px-3", lineClass(item))}
        style={{ top: store.topOf(i) }}
      >
        <Item
          item={item}
          statusText={item.kind === "status" ? t("run.statusLine", { status: t(`run.status.${item.text}`) }) : ""}
          onToggle={(open) => {
            store.setOpen(i, open);
            remeasure();
          }}
        />
      </div>,
    );
  }

  return (
    <div className="relative">
      <div
        ref={scroller}
        onScroll={onScroll}
        role="log"
        aria-live="off"
        aria-label={t("run.output")}
        tabIndex={0}
        className={`${height === "page" ? "h-[65vh] min-h-80" : "h-72"} overflow-y-auto rounded-lg border border-zinc-200 bg-zinc-950 dark:border-zinc-800 font-mono text-xs leading-5 text-zinc-200 [overflow-anchor:none] [scrollbar-gutter:stable] focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500`}
      >
        <div className="relative" style={{ height: total }}>
          {items}
        </div>
        {count === 0 && <p className="absolute inset-x-0 top-0 px-3 py-2 text-zinc-400">{emptyText}</p>}
      </div>
      {!follow && count > 0 && (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute bottom-4 right-6 rounded-full bg-indigo-600 px-3 py-1.5 text-xs font-medium text-white shadow-lg hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
        >
          {t("run.jumpToLatest")} ↓
        </button>
      )}
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

function Item({ item, statusText, onToggle }: { item: LogItem; statusText: string; onToggle: (open: boolean) => void }) {
  if (item.kind === "status") {
    const error = typeof item.data?.error === "string" ? `: ${item.data.error}` : "";
    return (
      <div className="whitespace-pre-wrap break-words [overflow-wrap:anywhere]">
        — {statusText}
        {error}
      </div>
    );
  }
  if (item.foldable) {
    return (
      <details open={item.open} onToggle={(e) => e.currentTarget.open !== item.open && onToggle(e.currentTarget.open)}>
        <summary className="cursor-pointer truncate text-sky-300 marker:text-zinc-500 hover:text-sky-200">
          <span className="mr-1 rounded bg-zinc-800 px-1 text-[10px] uppercase tracking-wide text-zinc-400">
            {item.kind === "tool_use" ? "tool" : "result"}
          </span>
          <AnsiText text={summaryOf(item)} />
        </summary>
        {item.open && (
          <div className="whitespace-pre-wrap break-words border-l border-zinc-700 pl-3 text-zinc-300 [overflow-wrap:anywhere]">
            <AnsiText text={detailOf(item)} />
          </div>
        )}
      </details>
    );
  }
  return (
    <div className="whitespace-pre-wrap break-words [overflow-wrap:anywhere]">
      {item.text === "" ? " " : <AnsiText text={item.text} />}
    </div>
  );
}
