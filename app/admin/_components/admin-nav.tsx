import { TabNav } from "@/components/ui/tab-nav";

const ITEMS = [
  { href: "/admin/users", label: "admin.nav.users" },
  { href: "/admin/usage", label: "admin.nav.usage" },
  { href: "/admin/jobs", label: "admin.nav.jobs" },
  { href: "/admin/models", label: "usage.models.nav" },
  { href: "/admin/audit", label: "admin.nav.audit" },
  { href: "/admin/settings", label: "admin.nav.settings" },
  { href: "/admin/security", label: "admin.nav.security" },
] as const;

/** The admin console's sections, as a row of tabs above each admin page. */
export function AdminNav() {
  return <TabNav label="admin.nav.label" items={ITEMS} className="mb-6" />;
}
