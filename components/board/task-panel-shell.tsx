"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useT } from "@/lib/i18n/client";

/**
 * The side panel's frame: a labelled complementary region beside the board.
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
      className="fixed inset-y-0 right-0 z-40 w-full max-w-xl overflow-y-auto border-l border-zinc-200 bg-white p-5 shadow-xl dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="mb-4 flex items-start justify-between gap-3">
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold break-words focus:outline-none">
          {title}
        </h2>
        <Link
          href={closeHref}
          scroll={false}
          aria-label={t("board.panel.close")}
          className="rounded-md px-2 py-1 text-xl leading-none text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <span aria-hidden>×</span>
        </Link>
      </div>
      <div className="space-y-6">{children}</div>
    </aside>
  );
}
