export const IDEA_SOURCES = ["web", "api", "cli"] as const;
export const IDEA_STATUSES = ["pending", "refining", "questions", "approved", "rejected", "converted"] as const;
export const QUESTION_STATUSES = ["open", "answered", "skipped"] as const;
export type IdeaSource = (typeof IDEA_SOURCES)[number];
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
