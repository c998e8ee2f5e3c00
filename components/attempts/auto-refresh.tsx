"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server components around it every `ms` while `active` (an attempt queued or running). */
export function AutoRefresh({ active, ms = 2000 }: { active: boolean; ms?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), ms);
    return () => clearInterval(timer);
  }, [active, ms, router]);
  return null;
}
