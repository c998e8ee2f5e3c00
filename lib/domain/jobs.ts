export const JOB_STATUSES = ["pending", "running", "done", "failed", "dead", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
