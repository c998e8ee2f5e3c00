export const MESSAGE_ROLES = ["user", "assistant", "system", "tool"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** idle: nothing to do; queued: a message waits for the conversation's job; running: the job is on a turn. */
export const CONVERSATION_STATUSES = ["idle", "queued", "running"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** A user's message is queued until its turn starts; an assistant's or tool's is sent when stored. */
export const MESSAGE_STATUSES = ["queued", "sent", "cancelled"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
