/**
 * `user`: a project its owner made. `links`: the one folder the app keeps per user for link
 * analyses (lib/links), so those runs have a project like every run; it is not listed among
 * the user's projects and does not count against the plan.
 */
export const PROJECT_KINDS = ["user", "links"] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
