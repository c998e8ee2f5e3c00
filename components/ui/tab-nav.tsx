"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";
import { useT } from "@/lib/i18n/client";

export type TabItem = { href: string; label: string; exact?: boolean };

/** A row of tab-like links between sibling pages; scrolls sideways on narrow screens. Labels are i18n keys. */
export function TabNav({ label, items, className }: { label: string; items: readonly TabItem[]; className?: string }) {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t(label)} className={cn("border-b border-zinc-200 dark:border-zinc-800", className)}>
      <ul className="relative -mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => {
          const current = pathname === item.href || (!item.exact && pathname.startsWith(item.href + "/"));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  current
                    ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                    : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-100",
                )}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
