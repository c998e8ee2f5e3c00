import "server-only";

/** Small helpers the output parsers share. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** Collapses whitespace (newlines included) and cuts to `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const MAX_TOOL_OUTPUT = 10_000;

/** Long tool output is cut for the log (the files themselves stay on disk). */
export function clip(text: string, max = MAX_TOOL_OUTPUT): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  return { text: `${text.slice(0, max)}\n… (${text.length - max} more characters)`, truncated: true };
}

const DESCRIBING_KEYS = [
  "command",
  "file_path",
  "absolute_path",
  "notebook_path",
  "path",
  "dir_path",
  "pattern",
  "url",
  "query",
  "description",
  "prompt",
];

/**
 * One readable line for a tool call, in Claude Code's own style:
 * `Read(/src/app.ts)`, `Bash(npm test)`, else the tool name with its input as JSON.
 */
export function describeToolUse(name: string, input: Json): string {
  for (const key of DESCRIBING_KEYS) {
    const value = input[key];
    if (typeof value === "string" && value.trim() !== "") return `${name}(${oneLine(value, 200)})`;
  }
  const json = JSON.stringify(input);
  return json === "{}" ? name : `${name}(${oneLine(json, 200)})`;
}
