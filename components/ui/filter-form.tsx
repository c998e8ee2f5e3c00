"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * A list's filters (a GET form of selects) that apply as they change: the
 * page's URL becomes the form's fields (empty ones left out, and with them any
 * page cursor), so a filtered list can be linked and reloaded. Without
 * JavaScript it stays a plain GET form; give it a submit button in <noscript>.
 */
export function FilterForm({ action, label, className, children }: { action: string; label: string; className?: string; children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function apply(form: HTMLFormElement) {
    const fields = [...new FormData(form)].filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
    const query = new URLSearchParams(fields).toString();
    startTransition(() => router.replace(query ? `${action}?${query}` : action, { scroll: false }));
  }
  return (
    <form method="get" action={action} role="search" aria-label={label} aria-busy={pending} className={className} onChange={(e) => apply(e.currentTarget)}>
      {children}
    </form>
  );
}
