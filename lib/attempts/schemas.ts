import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { ATTEMPT_STATUSES, DRAFT_STATUSES, PROCESS_KINDS } from "@/lib/domain";

/*
 * Attempt schemas shared by the API, server actions, forms and the OpenAPI
 * description. No "server-only": client forms import them.
 */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** POST /api/v1/tasks/:id/attempts */
export const attemptStartSchema = z.object({
  agentId: id.describe("The coding agent (one of the caller's agents)."),
  prompt: z
    .preprocess(blankToUndefined, z.string().trim().max(20_000, { message: "errors.tooLong" }).optional())
    .describe("Extra instructions, added after the task's title, description, spec, subtasks, tags and images."),
});
export type AttemptStartInput = z.infer<typeof attemptStartSchema>;

/** POST /api/v1/attempts/:id/follow-ups */
export const followUpSchema = z.object({
  message: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, { message: "errors.required" })
    .max(20_000, { message: "errors.tooLong" }),
});
export type FollowUpInput = z.infer<typeof followUpSchema>;

/**
 * POST /api/v1/attempts/:id/merge. Without `mode`: fast-forward when the base
 * branch has not moved since the attempt started, else a merge commit.
 */
export const mergeSchema = z.object({
  mode: z.preprocess(blankToUndefined, z.enum(["ff", "merge"]).optional()).describe("ff: fast-forward only; merge: always a merge commit; omitted: ff when possible, else a merge commit."),
  confirmFailed: z
    .preprocess((v) => (v === "true" || v === "on" ? true : v === "false" || v === "" ? undefined : v), z.boolean().optional())
    .describe("Required (true) to merge an attempt that failed or was cancelled: without it such a merge is refused with 409, so a failure is never merged by accident."),
});
export type MergeInput = z.infer<typeof mergeSchema>;

export const processSchema = z.object({
  id: z.string(),
  kind: z.enum(PROCESS_KINDS),
  status: z.enum(ATTEMPT_STATUSES),
  runId: z.string().nullable(),
  createdAt: z.string(),
});

export const draftSchema = z.object({
  id: z.string(),
  message: z.string(),
  status: z.enum(DRAFT_STATUSES),
  createdAt: z.string(),
});

export const attemptSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  branch: z.string(),
  status: z.enum(ATTEMPT_STATUSES),
  baseBranch: z.string().nullable(),
  baseCommit: z.string().nullable(),
  beforeCommit: z.string().nullable(),
  afterCommit: z.string().nullable(),
  headCommit: z.string().nullable(),
  error: z.string().nullable(),
  mergedAt: z.string().nullable(),
  discardedAt: z.string().nullable(),
  worktreeCleanedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AttemptView = z.infer<typeof attemptSchema>;

/** GET /api/v1/attempts/:id: the attempt with its execution processes and follow-up drafts, oldest first. */
export const attemptDetailSchema = attemptSchema.extend({
  processes: z.array(processSchema),
  drafts: z.array(draftSchema),
});
export type AttemptDetail = z.infer<typeof attemptDetailSchema>;

export const changedFileSchema = z.object({
  path: z.string(),
  oldPath: z.string().optional(),
  status: z.enum(["added", "modified", "deleted", "renamed"]),
  additions: z.number().int(),
  deletions: z.number().int(),
  binary: z.boolean(),
});

/** GET /api/v1/attempts/:id/diff */
export const attemptDiffSchema = z.object({
  files: z.array(changedFileSchema),
  additions: z.number().int(),
  deletions: z.number().int(),
  patch: z.string(),
});
export type AttemptDiffView = z.infer<typeof attemptDiffSchema>;

/** POST /api/v1/attempts/:id/merge */
export const mergeResultSchema = z.object({
  attempt: attemptSchema,
  status: z.enum(["merged", "up-to-date"]),
  kind: z.enum(["ff", "merge"]).nullable(),
  commit: z.string(),
  checkoutUpdated: z.boolean().nullable().describe("Whether the project's checkout files were brought up to date; null when no checkout has the base branch."),
  checkoutMessage: z.string().nullable(),
});

/** POST /api/v1/attempts/:id/rebase */
export const rebaseResultSchema = z.object({
  attempt: attemptSchema,
  rebased: z.boolean().describe("False when the attempt already contained the latest base branch."),
});
