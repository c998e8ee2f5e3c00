"use client";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";

const tone: Record<number, string> = {
  0: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
  1: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  2: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  3: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

/** The priority as a word and a colour (the word carries the meaning; colour only helps). */
export function PriorityBadge({ priority }: { priority: number }) {
  const t = useT();
  return <span className={cn("rounded px-1.5 py-0.5 font-medium", tone[priority] ?? tone[1])}>{t(`board.priority.${priority}`)}</span>;
}
