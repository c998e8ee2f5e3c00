"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/*
 * One timer per page, however many RefreshWhile are active on it (the board
 * and the attempt in its side panel both want refreshing): router.refresh()
 * re-renders the whole page, so a second timer would only do the work twice.
 * The page refreshes at the shortest interval any of them asks for.
 */
const wanted = new Map<symbol, number>();
let timer: ReturnType<typeof setInterval> | undefined;
let timerMs = 0;

function reschedule(refresh: () => void) {
  const ms = wanted.size > 0 ? Math.min(...wanted.values()) : 0;
  if (ms === timerMs) return;
  clearInterval(timer);
  timer = ms > 0 ? setInterval(refresh, ms) : undefined;
  timerMs = ms;
}

/**
 * Re-renders the page's server components every `everyMs` while `active`:
 * for pages whose state moves on in the background (an idea being refined,
 * an attempt queued or running) without a stream of their own.
 */
export function RefreshWhile({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const key = Symbol("refresh-while");
    const refresh = () => router.refresh();
    wanted.set(key, everyMs);
    reschedule(refresh);
    return () => {
      wanted.delete(key);
      reschedule(refresh);
    };
  }, [active, everyMs, router]);
  return null;
}
