import type { RunSource } from "@/lib/domain";

/*
 * A run's short title, for lists and headings (no "server-only": pages and
 * client components share it). A pipeline step is called by what it belongs
 * to (the task or idea); a run started by hand by its task's first line.
 */

// CSI sequences (colours, cursor moves), OSC sequences (titles, links) and other two-character escapes.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// What is left of the C0 and C1 controls (tabs become spaces first).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export const TITLE_LENGTH = 80;

/** The first line with visible text, without ANSI sequences or control characters, shortened with an ellipsis. */
export function firstLine(text: string, max = TITLE_LENGTH): string {
  const lines = text.replace(ANSI, "").split(/\r\n|\r|\n/);
  for (const raw of lines) {
    const line = raw.replace(/\t/g, " ").replace(CONTROL, "").replace(/\s+/g, " ").trim();
    if (line) return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
  }
  return "";
}

/** The title to show, or "" when the run has nothing to be called by (the page then says "Run"). */
export function runTitle(run: { task: string; source: RunSource; sourceName: string | null }): string {
  if (run.source !== "manual" && run.source !== "api" && run.source !== "import" && run.sourceName) return firstLine(run.sourceName);
  return firstLine(run.task);
}

/** Where a run's source badge links back to; manual and API runs have nowhere to go. */
export function runSourceHref(run: { source: RunSource; sourceId: string | null }): string | null {
  if (!run.sourceId) return null;
  if (run.source === "refinement") return `/ideas/${run.sourceId}`;
  if (run.source === "attempt") return `/board/attempts/${run.sourceId}`;
  if (run.source === "conversation") return `/chat/${run.sourceId}`;
  if (run.source === "import") return "/import";
  if (run.source === "link") return `/links/${run.sourceId}`;
  return null;
}
