"use client";
import { ChevronDown, ChevronUp, CircleAlert, Search, WrapText } from "lucide-react";
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { AnsiText } from "./ansi-text";
import { detailOf, isErrorItem, LogSearch, summaryOf, type LogItem, type LogStore } from "./log-store";

/** Pixels rendered above and below the viewport. */
const OVERSCAN = 800;

/** "page": most of the screen (/runs/[id]); "compact": a panel's worth, for runs shown inside other pages. */
export type LogHeight = "page" | "compact";

/**
 * The run's output as a virtualised list: only the items in view (plus some
 * overscan) are in the DOM, placed at offsets the store keeps; each rendered
 * item is measured after layout (lines wrap), and the store moves the ones
 * below. Follows the end while the user is at the bottom; scrolling up stops
 * following and shows "Jump to latest".
 *
 * Above it: search through the whole log (the store, not the rendered rows)
 * with next/previous, "Jump to first error" and a wrap toggle. Each line has
 * its number (a #L123 link on the run page, its time on hover).
 * `version` changes whenever the store got new items, so the list renders again.
 */
export function LogView({ store, emptyText, height = "page" }: { store: LogStore; version: number; emptyText: string; height?: LogHeight }) {
  const t = useT();
  const locale = useLocale();
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useRef(new Set<HTMLElement>());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const [follow, setFollow] = useState(true);
  const [, remeasure] = useReducer((x: number) => x + 1, 0);
  const lastTop = useRef(0);
  const ourTop = useRef(-1);
  const following = useRef(true);
  const [wrap, setWrap] = useState(true);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const [search] = useState(() => new LogSearch());
  const [hitIndex, setHitIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const pendingLine = useRef<number | null>(null);
  // Only the run's own page owns the URL's #L123; a log inside a panel does not.
  const linkable = height === "page";

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

  const hits = search.update(store, deferredQuery.trim());
  const currentHit = hits.length ? hits[Math.min(hitIndex, hits.length - 1)]! : null;

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

  /** Stop following and bring item `index` into view, a third of the way down. */
  const reveal = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el || index < 0 || index >= store.length) return;
      following.current = false;
      setFollow(false);
      const target = Math.max(0, store.topOf(index) - Math.floor(el.clientHeight / 3));
      ourTop.current = target;
      el.scrollTop = target;
      setScrollTop(target);
    },
    [store],
  );

  // A link to a line (/runs/<id>#L123): go there at once, or once that line has arrived.
  const goToLine = useCallback(
    (line: number) => {
      setSelected(line - 1);
      reveal(line - 1);
    },
    [reveal],
  );
  useEffect(() => {
    if (!linkable) return;
    const read = () => {
      const m = /^#L(\d+)$/.exec(window.location.hash);
      if (!m) return;
      const line = Number(m[1]);
      if (line >= 1 && store.length >= line) goToLine(line);
      else pendingLine.current = line;
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, [linkable, store, goToLine]);
  useEffect(() => {
    const line = pendingLine.current;
    if (line === null || count < line) return;
    pendingLine.current = null;
    goToLine(line);
  }, [count, goToLine]);

  const shownHit = useRef<number | null>(null);
  useEffect(() => {
    if (currentHit === null || currentHit === shownHit.current) return;
    shownHit.current = currentHit;
    reveal(currentHit);
  }, [currentHit, reveal]);

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

  function step(by: 1 | -1) {
    if (!hits.length) return;
    const next = (Math.min(hitIndex, hits.length - 1) + by + hits.length) % hits.length;
    shownHit.current = null;
    setHitIndex(next);
  }

  function jumpToFirstError() {
    const index = store.items.findIndex(isErrorItem);
    if (index === -1) {
      setNote(t("run.log.noErrors"));
      return;
    }
    setNote("");
    setSelected(index);
    reveal(index);
  }

  function selectLine(index: number, event: React.MouseEvent) {
    event.preventDefault();
    setSelected(index);
    window.history.replaceState(null, "", `#L${index + 1}`);
  }

  // Rendered rows register themselves for measuring (React 19 ref cleanup removes them).
  const rowRef = useCallback((node: HTMLElement | null) => {
    if (!node) return;
    const set = rows.current;
    set.add(node);
    return () => {
      set.delete(node);
    };
  }, []);

  const gutter = `${String(Math.max(count, 1)).length + 1}ch`;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const items: React.ReactNode[] = [];
  for (let i = first; i < count && i <= last; i++) {
    const item = store.items[i]!;
    const line = i + 1;
    items.push(
      <div
        key={item.seq}
        ref={rowRef}
        data-index={i}
        data-seq={item.seq}
        data-line={line}
        data-current={i === currentHit || undefined}
        className={cn(
          "absolute flex min-w-full pr-3",
          wrap ? "inset-x-0" : "left-0 w-max",
          lineClass(item),
          i === currentHit ? "bg-yellow-400/25" : i === selected ? "bg-indigo-400/20" : hits.length > 0 && search.has(i) ? "bg-yellow-400/10" : "",
        )}
        style={{ top: store.topOf(i) }}
      >
        <a
          href={`#L${line}`}
          onClick={(e) => (linkable ? selectLine(i, e) : e.preventDefault())}
          title={item.at ? time.format(new Date(item.at)) : undefined}
          aria-label={t("run.log.lineLink", { n: line })}
          tabIndex={-1}
          className="sticky left-0 shrink-0 bg-zinc-950 pr-2 pl-2 text-right text-zinc-500 tabular-nums select-none before:content-[attr(data-n)] hover:text-zinc-300"
          style={{ width: gutter, boxSizing: "content-box" }}
          // The number is drawn by CSS, so a line's text (copying, textContent) is only the line.
          data-n={line}
        />
        <div className="min-w-0 flex-1">
          <Item
            item={item}
            wrap={wrap}
            statusText={item.kind === "status" ? t("run.statusLine", { status: t(`run.status.${item.text}`) }) : ""}
            onToggle={(open) => {
              store.setOpen(i, open);
              remeasure();
            }}
          />
        </div>
      </div>,
    );
  }

  const toolButton =
    "inline-flex items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

  return (
    <div className="space-y-2">
      <div role="toolbar" aria-label={t("run.output")} className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-40 flex-1 basis-full sm:max-w-xs sm:basis-40">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-zinc-500" />
          <input
            type="search"
            value={query}
            onChange={(e) => {
              // A new search starts at its first match.
              setQuery(e.target.value);
              setHitIndex(0);
            }}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }}
            aria-label={t("run.log.search")}
            placeholder={t("run.log.search")}
            className="w-full rounded-md border border-zinc-300 bg-white py-1 pr-2 pl-7 text-xs dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        {deferredQuery.trim() && (
          <span role="status" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
            {hits.length ? t("run.log.matches", { current: Math.min(hitIndex, hits.length - 1) + 1, count: hits.length }) : t("run.log.noMatches")}
          </span>
        )}
        <button type="button" className={toolButton} onClick={() => step(-1)} disabled={!hits.length} aria-label={t("run.log.previous")}>
          <ChevronUp aria-hidden className="size-3.5" />
        </button>
        <button type="button" className={toolButton} onClick={() => step(1)} disabled={!hits.length} aria-label={t("run.log.next")}>
          <ChevronDown aria-hidden className="size-3.5" />
        </button>
        <button type="button" className={toolButton} onClick={jumpToFirstError} disabled={count === 0}>
          <CircleAlert aria-hidden className="size-3.5" />
          {t("run.log.firstError")}
        </button>
        <button type="button" className={toolButton} aria-pressed={wrap} onClick={() => setWrap(!wrap)}>
          <WrapText aria-hidden className="size-3.5" />
          {t("run.log.wrap")}
        </button>
        <span className="ml-auto text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{t("run.log.lineCount", { count, n: new Intl.NumberFormat(locale).format(count) })}</span>
        {note && (
          <span role="status" className="w-full text-xs text-zinc-600 dark:text-zinc-400">
            {note}
          </span>
        )}
      </div>
      <div className="relative">
        <div
          ref={scroller}
          onScroll={onScroll}
          role="log"
          aria-live="off"
          aria-label={t("run.output")}
          tabIndex={0}
          className={`${height === "page" ? "h-[calc(100dvh-20rem)] min-h-80" : "h-72"} overflow-auto rounded-lg border border-zinc-200 bg-zinc-950 font-mono text-xs leading-5 text-zinc-200 [overflow-anchor:none] [scrollbar-gutter:stable] focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800`}
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
            className="absolute right-6 bottom-4 rounded-full bg-indigo-600 px-3 py-1.5 text-xs font-medium text-white shadow-lg hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
          >
            {t("run.jumpToLatest")} ↓
          </button>
        )}
      </div>
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

function Item({ item, wrap, statusText, onToggle }: { item: LogItem; wrap: boolean; statusText: string; onToggle: (open: boolean) => void }) {
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
