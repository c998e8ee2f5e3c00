/** What can be in the trash (/trash, GET /api/v1/trash). */
export const TRASH_KINDS = ["project", "agent", "task", "conversation"] as const;
export type TrashKind = (typeof TRASH_KINDS)[number];

/** Days an item stays restorable before the daily purge deletes it for good. */
export const TRASH_DAYS = 30;
