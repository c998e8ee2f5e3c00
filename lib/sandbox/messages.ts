import type { Plan } from "@/db/schema";
import type { RunLimits } from "@/lib/billing/plans";

/** How a limit reads to a person: "1 GiB", "30 minutes". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  if (minutes >= 1) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export type LimitName = "memory" | "processes" | "cpu" | "fileSize" | "wallClock" | "output" | "disk";

/** "Stopped: used more than 1 GiB of memory (FREE plan limit)" and its kin. */
export function limitMessage(limit: LimitName, limits: Partial<RunLimits> & { plan: Plan }): string {
  const what = {
    memory: () => `used more than ${formatBytes(limits.memoryBytes!)} of memory`,
    processes: () => `started more than ${limits.processes} processes at once`,
    cpu: () => `used more than ${formatDuration(limits.cpuSeconds! * 1000)} of CPU time in one process`,
    fileSize: () => `wrote a file larger than ${formatBytes(limits.fileSizeBytes!)}`,
    wallClock: () => `ran for longer than ${formatDuration(limits.wallClockMs!)}`,
    output: () => `printed more than ${formatBytes(limits.outputBytes!)} of output`,
    disk: () => `wrote more than ${formatBytes(limits.diskWriteBytes!)} to its folder`,
  }[limit]();
  return `Stopped: ${what} (${limits.plan} plan limit)`;
}
