"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useT } from "@/lib/i18n/client";

const ITEMS = [
  { href: "/settings", label: "settings.nav.profile" },
  { href: "/settings/tokens", label: "settings.nav.tokens" },
  { href: "/settings/providers", label: "settings.nav.providers" },
] as const;

/** Tabs-like links between the settings pages; scrolls sideways on narrow screens. */
export function SettingsNav() {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t("settings.nav.label")} className="-mx-4 overflow-x-auto border-b border-zinc-200 px-4 md:mx-0 md:px-0 dark:border-zinc-800">
      <ul className="flex gap-1">
        {ITEMS.map((item) => {
          const active = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  active
                    ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                    : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-100",
                )}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
