export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export const EVENT_STREAMS = ["stdout", "stderr", "system"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type EventStream = (typeof EVENT_STREAMS)[number];
