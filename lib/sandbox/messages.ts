import type { Plan } from "@/lib/domain";
import type { RunLimits } from "@/lib/billing/plans";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/time";

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
