"use client";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";

// Four tones of their own (run statuses use green, sky, red and amber pills): priority is a square-cornered tag.
const tone: Record<number, string> = {
  0: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  1: "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300",
  2: "bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-300",
  3: "bg-rose-700 text-white dark:bg-rose-700 dark:text-white",
};

/** The priority as a word and a colour (the word carries the meaning; colour only helps). */
export function PriorityBadge({ priority }: { priority: number }) {
  const t = useT();
  return <span className={cn("rounded px-1.5 py-0.5 font-medium", tone[priority] ?? tone[1])}>{t(`board.priority.${priority}`)}</span>;
}
