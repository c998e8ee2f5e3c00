"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";

/** Account menu: who is signed in, shortcuts, sign out. Closes on Escape and outside clicks. */
export function UserMenu({ name, email, role, signOut }: { name: string | null; email: string; role: string; signOut: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t("userMenu.label")}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-full border border-zinc-300 bg-white py-1 pr-3 pl-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
          {(name || email).slice(0, 1).toUpperCase()}
        </span>
        <span className="max-w-40 truncate">{name || email}</span>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-40 mt-2 w-64 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <div className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">
            <div className="truncate font-medium text-zinc-900 dark:text-zinc-100">{email}</div>
            <div>{t(`role.${role}`)}</div>
          </div>
          <Link role="menuitem" href="/settings" className="block rounded px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={() => setOpen(false)}>
            {t("userMenu.settings")}
          </Link>
          <Link role="menuitem" href="/settings/tokens" className="block rounded px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={() => setOpen(false)}>
            {t("userMenu.tokens")}
          </Link>
          <form action={signOut}>
            <button role="menuitem" type="submit" className="block w-full rounded px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
              {t("userMenu.signOut")}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
