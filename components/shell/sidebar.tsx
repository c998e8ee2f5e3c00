"use client";
import { Menu, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { useT } from "@/lib/i18n/client";
import { ADMIN_NAV_ITEM, NAV_ITEMS } from "./nav-items";

/** Side navigation on wide screens; a toggled drawer on narrow ones. */
export function Sidebar({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const items = isAdmin ? [...NAV_ITEMS, ADMIN_NAV_ITEM] : NAV_ITEMS;
  const isActive = (href: string) => pathname === href || pathname.startsWith(href.replace(/\/users$/, "") + "/");
  return (
    <>
      <button
        type="button"
        className="fixed top-3 left-3 z-30 rounded-md border border-zinc-300 bg-white p-2 md:hidden dark:border-zinc-700 dark:bg-zinc-900"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen(!open)}
      >
        <span className="sr-only">{open ? t("nav.closeMenu") : t("nav.openMenu")}</span>
        {open ? <X aria-hidden className="size-5" /> : <Menu aria-hidden className="size-5" />}
      </button>
      <nav
        id="main-nav"
        aria-label={t("nav.main")}
        className={cn(
          "fixed inset-y-0 left-0 z-20 w-56 border-r border-zinc-200 bg-white px-3 pt-16 pb-4 transition-transform md:translate-x-0 md:pt-4 dark:border-zinc-800 dark:bg-zinc-900",
          open ? "translate-x-0" : "-translate-x-full",
        )}
      >
        <Link href="/dashboard" className="mb-6 hidden px-3 text-lg font-semibold tracking-tight md:block">
          {t("app.name")}
        </Link>
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={() => setOpen(false)}
                aria-current={isActive(item.href) ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium",
                  isActive(item.href)
                    ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
                )}
              >
                <item.icon aria-hidden className="size-4 shrink-0" />
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
