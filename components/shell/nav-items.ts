import { BarChart3, Bot, CreditCard, FolderGit2, Import, Kanban, LayoutDashboard, Lightbulb, Link2, MessagesSquare, Play, Settings, ShieldCheck, Trash2 } from "lucide-react";

/** The product's pages, in the order the navigation shows them, each with its icon (lucide: SVG, no emoji font needed). */
export const NAV_ITEMS = [
  { href: "/dashboard", label: "nav.dashboard", icon: LayoutDashboard },
  { href: "/projects", label: "nav.projects", icon: FolderGit2 },
  { href: "/agents", label: "nav.agents", icon: Bot },
  { href: "/chat", label: "nav.chat", icon: MessagesSquare },
  { href: "/runs", label: "nav.runs", icon: Play },
  { href: "/board", label: "nav.board", icon: Kanban },
  { href: "/ideas", label: "nav.ideas", icon: Lightbulb },
  { href: "/links", label: "nav.links", icon: Link2 },
  { href: "/usage", label: "nav.usage", icon: BarChart3 },
  { href: "/import", label: "nav.import", icon: Import },
  { href: "/trash", label: "nav.trash", icon: Trash2 },
  { href: "/billing", label: "nav.billing", icon: CreditCard },
  { href: "/settings", label: "nav.settings", icon: Settings },
] as const;

export const ADMIN_NAV_ITEM = { href: "/admin/users", label: "nav.admin", icon: ShieldCheck } as const;
