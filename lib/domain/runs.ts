export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
/** Where a run came from: started by hand on /runs, over the API, as a step of an idea refinement, a task attempt, a conversation or a saved link's analysis, or brought in by an import (/import). */
export const RUN_SOURCES = ["manual", "api", "refinement", "attempt", "conversation", "link", "import"] as const;
export type RunSource = (typeof RUN_SOURCES)[number];
export const EVENT_STREAMS = ["stdout", "stderr", "system"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type EventStream = (typeof EVENT_STREAMS)[number];
