/**
 * The domain's fixed vocabularies (statuses, kinds, plans, roles) and their
 * types. Dependency-free, so db/schema builds its columns from them and client
 * components and pages import them from here without pulling Drizzle's
 * schema toward the browser.
 */
export * from "./agents";
export * from "./conversations";
export * from "./ideas";
export * from "./imports";
export * from "./jobs";
export * from "./links";
export * from "./projects";
export * from "./runs";
export * from "./tasks";
export * from "./trash";
export * from "./users";
