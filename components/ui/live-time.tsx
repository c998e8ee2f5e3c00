"use client";
import { useEffect, useState } from "react";
import { relativeTime } from "@/lib/format/time";

/**
 * A relative time that keeps itself current ("9 seconds ago", then "1 minute
 * ago"), for pages that stay open beside a ticking clock (a run's elapsed
 * time): a time frozen at render would read "1 second ago" next to "0:09".
 */
export function LiveRelativeTime({ iso, locale }: { iso: string; locale: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const age = () => Date.now() - Date.parse(iso);
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      // Every second for the first minute, then every 30 s.
      timer = setTimeout(tick, age() < 60_000 ? 1000 : 30_000);
    };
    tick();
    return () => clearTimeout(timer);
  }, [iso]);
  return (
    <time dateTime={iso} title={new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")} suppressHydrationWarning>
      {relativeTime(iso, locale, now)}
    </time>
  );
}
