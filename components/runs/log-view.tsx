"use client";
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import type { LogStore } from "./log-store";
import type { LogLoader } from "./log-loader";
import { LoadingBlock, LogRow } from "./log-row";
import { LogToolbar } from "./log-toolbar";
import { findFirstError, isHit, useLogSearch } from "./use-log-search";
import { useLineLink } from "./use-line-link";

/** Pixels rendered above and below the viewport. */
const OVERSCAN = 800;

/** "page": most of the screen (/runs/[id]); "compact": a panel's worth, for runs shown inside other pages. */
export type LogHeight = "page" | "compact";

/**
 * The run's output as a virtualised list over the whole log (every seq, the
 * line numbers): the rows in view (plus some overscan) are in the DOM, placed
 * at offsets the store keeps; the store holds a bounded window of rows and the
 * loader fills it as the reader moves (rows not held yet show as "Loading").
 * Each rendered row is measured after layout (lines wrap); whatever moves
 * (measured rows, pages coming in above, rows dropped), the line at the top of
 * the screen stays where it is, so live lines never pull the reader away.
 * Follows the end while the user is at the bottom; scrolling up stops
 * following and shows "Jump to latest".
 *
 * Search, "Jump to first error" and #L123 links reach any line of the log:
 * the server finds it, the window moves there. `version` changes whenever the
 * store did, so the list renders again.
 */
export function LogView({ store, loader, runId, emptyText, height = "page" }: { store: LogStore; loader: LogLoader; runId: string; version: number; emptyText: string; height?: LogHeight }) {
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
  /** The line at the top of the screen and how far above the screen its top is: kept still while rows move. */
  const anchor = useRef({ seq: 1, offset: 0 });
  const [wrap, setWrap] = useState(true);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const [hitIndex, setHitIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  /** A line to bring into view once it is held (a #L link, a match, the first error). */
  const target = useRef<number | null>(null);
  const [note, setNote] = useState("");
  // Only the run's own page owns the URL's #L123; a log inside a panel does not.
  const linkable = height === "page";

  const total = store.total;
  const listHeight = store.totalHeight;
  // While following, the window is the end of the list (the layout effect scrolls there),
  // so our own scrolling needs no second render.
  const top = follow && viewport ? Math.max(0, listHeight - viewport) : scrollTop;
  const screen = viewport || 800;
  const first = total ? store.seqAt(Math.max(0, top - OVERSCAN)) : 1;
  const last = total ? store.seqAt(top + screen + OVERSCAN) : 0;

  const search = useLogSearch(runId, deferredQuery, total);
  const { hits } = search;
  const currentHit = hits.length ? hits[Math.min(hitIndex, hits.length - 1)]! : null;

  const anchorAt = (el: HTMLElement) => {
    const seq = store.seqAt(el.scrollTop);
    anchor.current = { seq, offset: store.topOf(seq) - el.scrollTop };
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let changed = false;
    for (const node of rows.current) {
      if (store.setHeight(Number(node.dataset.seq), node.offsetHeight) !== 0) changed = true;
    }
    // The spacer's height is React's, but set it now so the scroll below is not clamped.
    const spacer = el.firstElementChild as HTMLElement | null;
    if (spacer && spacer.offsetHeight !== Math.round(store.totalHeight)) spacer.style.height = `${store.totalHeight}px`;
    let want: number;
    if (target.current !== null && store.has(target.current) && loader.started) {
      want = Math.max(0, store.topOf(target.current) - Math.floor(el.clientHeight / 3));
      target.current = null;
    } else if (follow) want = Math.max(0, el.scrollHeight - el.clientHeight);
    else want = Math.max(0, store.topOf(anchor.current.seq) - anchor.current.offset);
    if (Math.abs(el.scrollTop - want) > 1) {
      ourTop.current = want;
      el.scrollTop = want; // its scroll event renders the rows there
      changed = true;
    }
    if (!follow) anchorAt(el);
    if (changed) remeasure();
    const seen = { first: store.seqAt(el.scrollTop), last: store.seqAt(el.scrollTop + el.clientHeight) };
    loader.ensure({ ...seen, following: follow, target: target.current });
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

  /** Stop following and bring line `seq` into view, a third of the way down (loading it first if it is not held). */
  const goTo = useCallback(
    (seq: number) => {
      const el = scroller.current;
      if (!el || seq < 1) return;
      following.current = false;
      setFollow(false);
      target.current = seq;
      // Where it will be: the list renders there (as "Loading") while its page comes.
      const guess = Math.max(0, store.topOf(seq) - Math.floor(el.clientHeight / 3));
      ourTop.current = guess;
      el.scrollTop = guess;
      setScrollTop(el.scrollTop);
      anchorAt(el);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- anchorAt reads only refs and the store
    [store],
  );

  // A link to a line (/runs/<id>#L123): go there, whether or not it was loaded.
  const goToLine = useCallback(
    (line: number) => {
      setSelected(line);
      goTo(line);
    },
    [goTo],
  );
  useLineLink(linkable, goToLine);

  const shownHit = useRef<number | null>(null);
  useEffect(() => {
    if (currentHit === null || currentHit === shownHit.current) return;
    shownHit.current = currentHit;
    goTo(currentHit);
  }, [currentHit, goTo]);

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
    anchorAt(el);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- anchorAt reads only refs and the store
  }, []);

  const jumpToLatest = () => {
    setFollow(true);
    target.current = null;
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  function step(by: 1 | -1) {
    if (!hits.length) return;
    const at = Math.min(hitIndex, hits.length - 1);
    shownHit.current = null;
    // Past the last of the first 1,000 matches: fetch the next ones and go on.
    if (by === 1 && at === hits.length - 1 && search.more) {
      void search.extend();
      setHitIndex(at + 1);
      return;
    }
    setHitIndex((at + by + hits.length) % hits.length);
  }

  async function jumpToFirstError() {
    const seq = await findFirstError(runId).catch(() => undefined);
    setNote(seq === undefined ? t("run.log.searchFailed") : seq === null ? t("run.log.noErrors") : "");
    if (seq) goToLine(seq);
  }

  function selectLine(seq: number, event: React.MouseEvent) {
    event.preventDefault();
    setSelected(seq);
    window.history.replaceState(null, "", `#L${seq}`);
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

  const gutter = `${String(Math.max(total, 1)).length + 1}ch`;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const items: React.ReactNode[] = [];
  let missingFrom = 0;
  for (let seq = first; total && seq <= last + 1; seq++) {
    const item = seq <= last ? store.itemAt(seq) : null;
    if (item === undefined) {
      missingFrom ||= seq;
      continue;
    }
    if (missingFrom) {
      // Lines not held yet: one block where they go, until their page comes.
      items.push(<LoadingBlock key={`missing-${missingFrom}`} from={missingFrom} to={seq - 1} top={store.topOf(missingFrom)} bottom={store.topOf(seq)} />);
      missingFrom = 0;
    }
    if (!item) continue;
    items.push(
      <LogRow
        key={seq}
        item={item}
        top={store.topOf(seq)}
        rowRef={rowRef}
        mark={seq === currentHit ? "current" : seq === selected ? "selected" : hits.length > 0 && isHit(hits, seq) ? "hit" : null}
        wrap={wrap}
        gutter={gutter}
        title={item.at ? time.format(new Date(item.at)) : undefined}
        onSelect={(e) => (linkable ? selectLine(seq, e) : e.preventDefault())}
        onToggle={(open) => {
          store.setOpen(seq, open);
          remeasure();
        }}
      />,
    );
  }

  return (
    <div className="space-y-2">
      <LogToolbar
        query={query}
        onQuery={(value) => {
          // A new search starts at its first match.
          setQuery(value);
          setHitIndex(0);
          shownHit.current = null;
        }}
        search={search}
        hitIndex={hitIndex}
        onStep={step}
        onFirstError={() => void jumpToFirstError()}
        wrap={wrap}
        onWrap={setWrap}
        total={total}
        note={note}
      />
      <div className="relative">
        <div
          ref={scroller}
          onScroll={onScroll}
          role="log"
          aria-live="off"
          aria-label={t("run.output")}
          // How many lines the page holds (tests and the benchmark check it stays bounded).
          data-held={Math.max(0, store.size)}
          tabIndex={0}
          className={`${height === "page" ? "h-[calc(100dvh-20rem)] min-h-80" : "h-72"} overflow-auto rounded-lg border border-zinc-200 bg-zinc-950 font-mono text-xs leading-5 text-zinc-200 [overflow-anchor:none] [scrollbar-gutter:stable] focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800`}
        >
          <div className="relative" style={{ height: listHeight }}>
            {items}
          </div>
          {total === 0 && loader.started && <p className="absolute inset-x-0 top-0 px-3 py-2 text-zinc-400">{emptyText}</p>}
        </div>
        {!follow && total > 0 && (
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
