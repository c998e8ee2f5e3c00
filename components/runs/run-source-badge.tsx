import Link from "next/link";
import type { RunSource } from "@/lib/domain";
import { runSourceHref } from "@/lib/runs/title";

const tone: Record<RunSource, string> = {
  manual: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  api: "bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  refinement: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  attempt: "bg-violet-50 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  conversation: "bg-teal-50 text-teal-800 dark:bg-teal-950 dark:text-teal-300",
  import: "bg-rose-50 text-rose-800 dark:bg-rose-950 dark:text-rose-300",
  link: "bg-teal-50 text-teal-800 dark:bg-teal-950 dark:text-teal-300",
};

/** Where a run came from (Manual, API, Idea refinement, Task attempt, Conversation, Link), linking back to it when it has a home. */
export function RunSourceBadge({ run, t }: { run: { source: RunSource; sourceId: string | null }; t: (key: string) => string }) {
  const label = t(`runs.source.${run.source}`);
  const className = `inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${tone[run.source]}`;
  const href = runSourceHref(run);
  return href ? (
    <Link href={href} className={`${className} hover:underline`}>
      {label}
    </Link>
  ) : (
    <span className={className}>{label}</span>
  );
}
