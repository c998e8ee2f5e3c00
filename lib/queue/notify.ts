import { EventEmitter } from "node:events";

/**
 * In-process wake-ups for the queue. Enqueue and cancel emit here so a worker
 * in the same process reacts at once instead of on its next poll or heartbeat.
 * Other processes never see these events: they poll the jobs table, which stays
 * the only source of truth.
 *
 * Kept on globalThis so dev-mode module reloads (and Next.js bundling the
 * module into more than one chunk) still share one bus per process.
 */
const g = globalThis as unknown as { __switchboardQueueBus?: EventEmitter };

function bus(): EventEmitter {
  if (!g.__switchboardQueueBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    g.__switchboardQueueBus = emitter;
  }
  return g.__switchboardQueueBus;
}

/** Tell workers in this process that a job may be claimable now. */
export function notifyJobsAvailable(): void {
  bus().emit("available");
}

export function onJobsAvailable(listener: () => void): () => void {
  bus().on("available", listener);
  return () => bus().off("available", listener);
}

/** Tell workers in this process that a job was cancelled, so the one running it aborts now. */
export function notifyJobCancelled(jobId: string): void {
  bus().emit("cancelled", jobId);
}

export function onJobCancelled(listener: (jobId: string) => void): () => void {
  bus().on("cancelled", listener);
  return () => bus().off("cancelled", listener);
}
