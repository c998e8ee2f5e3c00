import type { LinkStatus } from "@/lib/domain";
import { cn } from "@/components/ui/cn";

const STATUS_CLASS: Record<LinkStatus, string> = {
  pending: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  fetching: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  analyzing: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

/** A link's status as a coloured pill (pulsing while it moves on); `label` is the translated status. */
export function LinkStatusBadge({ status, label }: { status: LinkStatus; label: string }) {
  const moving = status === "pending" || status === "fetching" || status === "analyzing";
  return (
    <span data-testid="link-status" className={cn("inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap", STATUS_CLASS[status])}>
      {moving && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
      {label}
    </span>
  );
}
