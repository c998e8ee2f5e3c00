"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useT } from "@/lib/i18n/client";

const ITEMS = [
  { href: "/admin/users", label: "admin.nav.users" },
  { href: "/admin/usage", label: "admin.nav.usage" },
  { href: "/admin/jobs", label: "admin.nav.jobs" },
  { href: "/admin/models", label: "usage.models.nav" },
  { href: "/admin/audit", label: "admin.nav.audit" },
] as const;

/** The admin console's sections, as a row of tabs above each admin page. */
export function AdminNav() {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t("admin.nav.label")} className="mb-6 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {ITEMS.map((item) => {
          const current = pathname === item.href || pathname.startsWith(item.href + "/");
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  current
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
