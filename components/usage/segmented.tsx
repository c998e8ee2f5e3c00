import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type PickerOption = { key: string; label: string; href: string };

/** A row of links that choose one of a few options (a GET filter, so it works without JavaScript). */
export function Segmented({ label, options, current }: { label: string; options: PickerOption[]; current: string }) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
        {options.map((option) => {
          const active = option.key === current;
          return (
            <li key={option.key}>
              <Link
                href={option.href}
                aria-current={active ? "true" : undefined}
                scroll={false}
                className={cn(
                  "block rounded px-3 py-1.5 font-medium whitespace-nowrap transition-colors",
                  active
                    ? "bg-indigo-600 text-white dark:bg-indigo-500"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
                )}
              >
                {option.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
