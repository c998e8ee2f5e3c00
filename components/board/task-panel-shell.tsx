"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useT } from "@/lib/i18n/client";

/**
 * The side panel's frame: a labelled complementary region beside the board
 * (a full-screen sheet on small screens, its close link always on top).
 * The close link and Escape both go back to the board with its filters;
 * the heading takes focus when a card is opened so screen readers land on it.
 */
export function TaskPanelShell({ title, closeHref, children }: { title: string; closeHref: string; children: React.ReactNode }) {
  const t = useT();
  const router = useRouter();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [title]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      // Escape inside a text area is for the text (and would lose unsaved edits); Tab out first.
      if (event.target instanceof HTMLTextAreaElement) return;
      router.push(closeHref, { scroll: false });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [closeHref, router]);

  return (
    <aside
      aria-label={t("board.panel.label")}
      // A full-screen sheet on phones, a side panel from `sm` up; the heading row stays on top while it scrolls.
      className="fixed inset-0 z-40 w-full overflow-y-auto bg-white px-4 pb-5 sm:left-auto sm:max-w-xl sm:border-l sm:border-zinc-200 sm:px-5 sm:shadow-xl dark:bg-zinc-900 sm:dark:border-zinc-800"
    >
      <div className="sticky top-0 z-10 -mx-4 mb-4 flex items-start justify-between gap-3 border-b border-zinc-200 bg-white px-4 py-3 sm:-mx-5 sm:px-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold break-words focus:outline-none">
          {title}
        </h2>
        <Link
          href={closeHref}
          scroll={false}
          aria-label={t("board.panel.close")}
          className="-mr-1 shrink-0 rounded-md px-3 py-2 text-2xl leading-none text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          <span aria-hidden>×</span>
        </Link>
      </div>
      <div className="space-y-6">{children}</div>
    </aside>
  );
}
