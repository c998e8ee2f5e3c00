"use client";
import { useEffect } from "react";

/** Calls `goToLine(n)` for the page's #L<n> (on load and whenever it changes), when this log owns the URL. */
export function useLineLink(enabled: boolean, goToLine: (line: number) => void) {
  useEffect(() => {
    if (!enabled) return;
    const read = () => {
      const m = /^#L(\d+)$/.exec(window.location.hash);
      if (m) goToLine(Number(m[1]));
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, [enabled, goToLine]);
}
