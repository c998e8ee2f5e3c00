const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A size as a person reads a quota: "100 MB", "2.5 GB" (one decimal at most). */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= GB ? [bytes / GB, "GB"] : [bytes / MB, "MB"];
  return `${Math.round(value * 10) / 10} ${unit}`;
}
