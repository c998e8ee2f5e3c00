import { parseAnsi, type AnsiStyle } from "@/lib/runs/ansi";

// The log panel is dark in both themes, like a terminal: colours tuned for a dark background.
const FG = [
  "text-zinc-500",
  "text-red-400",
  "text-green-400",
  "text-yellow-300",
  "text-blue-400",
  "text-fuchsia-400",
  "text-cyan-400",
  "text-zinc-200",
  "text-zinc-400",
  "text-red-300",
  "text-green-300",
  "text-yellow-200",
  "text-blue-300",
  "text-fuchsia-300",
  "text-cyan-300",
  "text-white",
];
const BG = [
  "bg-zinc-800",
  "bg-red-800",
  "bg-green-800",
  "bg-yellow-700",
  "bg-blue-800",
  "bg-fuchsia-800",
  "bg-cyan-800",
  "bg-zinc-400 text-zinc-950",
  "bg-zinc-600",
  "bg-red-600",
  "bg-green-600",
  "bg-yellow-500 text-zinc-950",
  "bg-blue-600",
  "bg-fuchsia-600",
  "bg-cyan-600",
  "bg-white text-zinc-950",
];

function classFor(style: AnsiStyle): string {
  const c: string[] = [];
  if (style.fg !== undefined) c.push(FG[style.fg] ?? "");
  if (style.bg !== undefined) c.push(BG[style.bg] ?? "");
  if (style.bold) c.push("font-bold");
  if (style.dim) c.push("opacity-60");
  if (style.italic) c.push("italic");
  if (style.underline) c.push("underline");
  return c.join(" ");
}

/** Text with ANSI SGR colours as spans; other escape codes are dropped. */
export function AnsiText({ text }: { text: string }) {
  const segments = parseAnsi(text);
  if (segments.length === 1 && !segments[0]!.style) return <>{segments[0]!.text}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.style ? (
          <span key={i} className={classFor(s.style)}>
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
