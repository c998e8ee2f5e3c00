import "server-only";
import { EventEmitter } from "node:events";
import { sendLiveNotification, startLiveListener } from "./live-channel";

/**
 * In-process wake-up calls for run subscribers: "run X now has events up to
 * seq N" or "run X changed (status)". Only a hint to read the database again —
 * subscribers never take content from it, so a lost or doubled notification
 * costs latency, never correctness. Other processes are told by a datagram
 * (lib/runs/live-channel.ts); subscribers also poll the database
 * (lib/runs/events.ts) in case one is lost.
 *
 * Kept on globalThis so every module instance in this process (route bundles,
 * the inline worker, dev-mode reloads) shares one emitter.
 */
type RunNotifier = EventEmitter;

const globalForNotify = globalThis as unknown as { __switchboardRunNotifier?: RunNotifier };

function emitter(): RunNotifier {
  if (!globalForNotify.__switchboardRunNotifier) {
    const e = new EventEmitter();
    // One listener per watched run per process (not per viewer): no limit needed.
    e.setMaxListeners(0);
    globalForNotify.__switchboardRunNotifier = e;
  }
  return globalForNotify.__switchboardRunNotifier;
}

/** After a committed batch: the run's events now reach `lastSeq`. */
export function notifyRunEvents(runId: string, lastSeq: number) {
  emitter().emit(runId, lastSeq);
  sendLiveNotification(runId, lastSeq);
}

/** After something else about the run changed (its status): re-check the row. */
export function notifyRunChanged(runId: string) {
  emitter().emit(runId, null);
  sendLiveNotification(runId, null);
}

/** Web processes: also wake this process's subscribers when another process writes (see live-channel.ts). */
export function listenForOtherProcesses() {
  return startLiveListener((runId, lastSeq) => emitter().emit(runId, lastSeq));
}

/** Listen to one run; returns the function that stops listening. */
export function onRunNotify(runId: string, listener: (lastSeq: number | null) => void): () => void {
  const e = emitter();
  e.on(runId, listener);
  return () => {
    e.off(runId, listener);
  };
}
