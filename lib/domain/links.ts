/**
 * A saved link's life: pending (saved, its job waits) → fetching (the server reads the page)
 * → analyzing (an agent's run reads it) → done, or failed with an error at any step.
 */
export const LINK_STATUSES = ["pending", "fetching", "analyzing", "done", "failed"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
