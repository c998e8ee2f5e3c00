import { Book, Bot, Brain, Bug, Code, Database, FileText, GitBranch, Globe, Rocket, Search, Shield, Sparkles, Terminal, Wrench, Zap, type LucideIcon } from "lucide-react";

/** opcode's icon names are lucide's, so imported agents keep their icon (an SVG: no emoji font needed). */
const ICONS: Record<string, LucideIcon> = {
  bot: Bot,
  code: Code,
  shield: Shield,
  terminal: Terminal,
  database: Database,
  globe: Globe,
  "file-text": FileText,
  "git-branch": GitBranch,
  sparkles: Sparkles,
  brain: Brain,
  zap: Zap,
  wrench: Wrench,
  bug: Bug,
  rocket: Rocket,
  search: Search,
  book: Book,
};

export const AGENT_ICON_NAMES = Object.keys(ICONS);

/** Decorative: the agent's name is always next to it. */
export function AgentIcon({ icon, className }: { icon: string; className?: string }) {
  const Icon = ICONS[icon];
  return (
    <span
      aria-hidden
      className={`inline-flex size-9 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300 ${className ?? ""}`}
    >
      {/* An unknown name (or an emoji some tool stored) shows its first letter. */}
      {Icon ? <Icon className="size-5" /> : <span className="text-base font-semibold">{[...icon][0]?.toUpperCase()}</span>}
    </span>
  );
}
