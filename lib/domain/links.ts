export const LINK_STATUSES = ["pending", "analyzing", "done", "failed"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
