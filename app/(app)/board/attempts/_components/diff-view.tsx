import type { TranslateFn } from "@/lib/i18n/translate";
import { cn } from "@/components/ui/cn";

/**
 * A unified diff, highlighted: file headers, hunk headers, added lines green,
 * removed red, with old/new line numbers. Each line also says "added" or
 * "removed" to screen readers (colour is never the only signal), and each file
 * is a labelled region reachable from the file list's links.
 */

type Line = { kind: "add" | "del" | "ctx" | "hunk" | "meta"; text: string; oldNo?: number; newNo?: number };
type FilePatch = { path: string; lines: Line[] };

export function parsePatch(patch: string): FilePatch[] {
  const files: FilePatch[] = [];
  let file: FilePatch | null = null;
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  for (const text of patch.split("\n")) {
    if (text.startsWith("diff --git ")) {
      const m = / b\/(.*)$/.exec(text);
      file = { path: m?.[1] ?? text.slice(11), lines: [] };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (text.startsWith("@@")) {
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(text);
      oldNo = Number(m?.[1] ?? 0);
      newNo = Number(m?.[2] ?? 0);
      inHunk = true;
      file.lines.push({ kind: "hunk", text });
    } else if (!inHunk) {
      if (text.startsWith("+++ b/")) file.path = text.slice(6);
      file.lines.push({ kind: "meta", text });
    } else if (text.startsWith("+")) file.lines.push({ kind: "add", text: text.slice(1), newNo: newNo++ });
    else if (text.startsWith("-")) file.lines.push({ kind: "del", text: text.slice(1), oldNo: oldNo++ });
    else if (text.startsWith(" ")) file.lines.push({ kind: "ctx", text: text.slice(1), oldNo: oldNo++, newNo: newNo++ });
    else if (text.startsWith("\\")) file.lines.push({ kind: "meta", text });
  }
  return files;
}

const ROW: Record<Line["kind"], string> = {
  add: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200",
  del: "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-200",
  ctx: "",
  hunk: "bg-sky-50 text-sky-800 dark:bg-sky-950/50 dark:text-sky-300",
  meta: "text-zinc-500 dark:text-zinc-400",
};

export const fileAnchor = (path: string) => `diff-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

export function DiffView({ patch, t }: { patch: string; t: TranslateFn }) {
  const files = parsePatch(patch);
  if (files.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("attempts.diff.empty")}</p>;
  return (
    <div className="space-y-4">
      {files.map((f) => (
        <section key={f.path} id={fileAnchor(f.path)} aria-label={t("attempts.diff.fileRegion", { path: f.path })} tabIndex={-1} className="overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
          <h3 className="bg-zinc-100 px-3 py-2 font-mono text-sm font-semibold dark:bg-zinc-800">{f.path}</h3>
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse font-mono text-xs">
              <tbody>
                {f.lines.map((l, i) => (
                  <tr key={i} className={ROW[l.kind]}>
                    <td className="w-10 px-2 text-right text-zinc-400 select-none" aria-hidden>{l.oldNo ?? ""}</td>
                    <td className="w-10 px-2 text-right text-zinc-400 select-none" aria-hidden>{l.newNo ?? ""}</td>
                    <td className={cn("px-2 whitespace-pre", l.kind === "hunk" && "py-1")}>
                      {l.kind === "add" && <span className="sr-only">{t("attempts.diff.added")} </span>}
                      {l.kind === "del" && <span className="sr-only">{t("attempts.diff.removed")} </span>}
                      <span aria-hidden className="select-none">{l.kind === "add" ? "+" : l.kind === "del" ? "-" : l.kind === "ctx" ? " " : ""}</span>
                      {l.text}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
