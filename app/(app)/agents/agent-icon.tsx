/** opcode's icon names (lucide) as emoji, so imported agents look the part without an icon library. */
const EMOJI: Record<string, string> = {
  bot: "🤖",
  code: "💻",
  shield: "🛡️",
  terminal: "⌨️",
  database: "🗄️",
  globe: "🌐",
  "file-text": "📄",
  "git-branch": "🌿",
  sparkles: "✨",
  brain: "🧠",
  zap: "⚡",
  wrench: "🔧",
  bug: "🐛",
  rocket: "🚀",
  search: "🔍",
  book: "📘",
};

/** Decorative: the agent's name is always next to it. */
export function AgentIcon({ icon, className }: { icon: string; className?: string }) {
  const known = EMOJI[icon];
  // An unknown name shows its first letter; an emoji given as the icon shows itself.
  const glyph = known ?? (/^\p{Extended_Pictographic}/u.test(icon) ? icon : icon.charAt(0).toUpperCase());
  return (
    <span
      aria-hidden
      className={`inline-flex size-9 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-lg dark:bg-zinc-800 ${className ?? ""}`}
    >
      {glyph}
    </span>
  );
}

export function iconEmoji(icon: string): string | undefined {
  return EMOJI[icon];
}
