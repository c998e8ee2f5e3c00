/**
 * Data tables: a labelled region that scrolls sideways on narrow screens
 * (focusable, so keyboard users can scroll it too) around a captioned table.
 */
export function DataTable({ id, caption, children }: { id: string; caption: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-labelledby={`${id}-caption`}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <table className="min-w-full text-sm">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export const headRow = "bg-zinc-50 dark:bg-zinc-800/50";
export const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-zinc-600 uppercase dark:text-zinc-400";
export const row = "border-t border-zinc-200 dark:border-zinc-800";
export const td = "px-3 py-2 whitespace-nowrap";
export const muted = "text-zinc-500 dark:text-zinc-400";
export const link = "font-medium text-indigo-600 hover:underline dark:text-indigo-400";

export function Badge({ tone = "neutral", children }: { tone?: "neutral" | "accent" | "danger"; children: React.ReactNode }) {
  const tones = {
    neutral: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
    accent: "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300",
    danger: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
  };
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
