import { relativeTime } from "@/lib/format/time";

/**
 * A time shown relative ("3 minutes ago") with the absolute UTC time on hover.
 * Server components only: the relative text is computed at render time.
 */
export function RelativeTime({ iso, locale, never = "—" }: { iso: string | null | undefined; locale: string; never?: string }) {
  if (!iso) return <span>{never}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")}>
      {relativeTime(iso, locale)}
    </time>
  );
}
