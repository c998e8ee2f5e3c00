import { TabNav } from "@/components/ui/tab-nav";

const ITEMS = [
  // "/settings" is exact: its sub-pages have tabs of their own.
  { href: "/settings", label: "settings.nav.profile", exact: true },
  { href: "/settings/tokens", label: "settings.nav.tokens" },
  { href: "/settings/providers", label: "settings.nav.providers" },
  { href: "/settings/mcp", label: "settings.nav.mcp" },
] as const;

/** The settings pages, as tabs. */
export function SettingsNav() {
  return <TabNav label="settings.nav.label" items={ITEMS} className="-mx-4 px-4 md:mx-0 md:px-0" />;
}
