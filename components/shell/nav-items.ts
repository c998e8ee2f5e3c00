/** The product's pages, in the order the navigation shows them. */
export const NAV_ITEMS = [
  { href: "/dashboard", label: "nav.dashboard" },
  { href: "/projects", label: "nav.projects" },
  { href: "/agents", label: "nav.agents" },
  { href: "/chat", label: "nav.chat" },
  { href: "/runs", label: "nav.runs" },
  { href: "/board", label: "nav.board" },
  { href: "/ideas", label: "nav.ideas" },
  { href: "/links", label: "nav.links" },
  { href: "/usage", label: "nav.usage" },
  { href: "/import", label: "nav.import" },
  { href: "/trash", label: "nav.trash" },
  { href: "/billing", label: "nav.billing" },
  { href: "/settings", label: "nav.settings" },
] as const;

export const ADMIN_NAV_ITEM = { href: "/admin/users", label: "nav.admin" } as const;
