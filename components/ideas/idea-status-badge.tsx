import type { IdeaStatus } from "@/lib/domain";
import { cn } from "@/components/ui/cn";

const STATUS_CLASS: Record<IdeaStatus, string> = {
  pending: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  refining: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  questions: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  approved: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300",
  rejected: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  converted: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
};

/** An idea's status as a coloured pill; `label` is the translated status. */
export function IdeaStatusBadge({ status, label }: { status: IdeaStatus; label: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium", STATUS_CLASS[status])}>
      {status === "refining" && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
      {label}
    </span>
  );
}
