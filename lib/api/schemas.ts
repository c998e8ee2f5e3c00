import { z } from "zod";
import { PLANS, ROLES } from "@/lib/domain";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { PlanLimits } from "@/lib/billing/plans";

/**
 * Request and response bodies of /api/v1. Route handlers validate with these
 * and lib/api/openapi.ts documents them, so the two cannot drift. Objects
 * strip unknown keys when parsing: parse a response through its schema and
 * nothing extra (a password hash, a token hash) can leave the server.
 */

// ---------------------------------------------------------------- shared

const ERROR_CODES = [...(Object.keys(ERROR_STATUS) as ErrorCode[]), "internal"] as const;

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe("Machine-readable error code; `validation` is 400, `unauthorized` 401, `forbidden` 403, `not_found` 404, `method_not_allowed` 405, `conflict` 409, `payload_too_large` 413, `rate_limited` 429."),
      message: z.string().describe("What went wrong, for a person to read."),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe("For `validation`: field path (dot-separated) -> what is wrong with it. `_` is the body as a whole."),
    }),
  })
  .meta({ description: "Every 4xx (and the never-expected 500) answers with this shape." });

export type ErrorResponse = z.infer<typeof errorResponse>;

/** `?limit=&cursor=` of every list endpoint. Extend it with `.extend({ ... })` for filters. */
export const paginationQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .describe("How many items to return, 1 to 100 (default 25)."),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("The `nextCursor` of the previous page; omit for the first page."),
});

export type PaginationQuery = z.infer<typeof paginationQuery>;

/** `{ data: [...], nextCursor }`, the shape of every list. */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item).describe("This page of items, newest first unless the endpoint says otherwise."),
    nextCursor: z.string().nullable().describe("Pass as `?cursor=` for the next page; null on the last page."),
  });
}

// ---------------------------------------------------------------- account

const count = (what: string) => z.number().int().min(0).describe(what);
const limit = (what: string) => z.number().int().min(0).nullable().describe(`${what}; null means unlimited.`);

export const planLimits = z
  .object({
    agents: limit("Agents a user may own"),
    projects: limit("Projects a user may own"),
    concurrentRuns: z.number().int().min(0).describe("Runs that may be queued or running at once."),
    runsPerMonth: z.number().int().min(0).describe("Runs that may be started per calendar month (UTC)."),
    logRetentionDays: z.number().int().min(0).describe("Days a run's log is kept."),
    imageStorageBytes: z.number().int().min(0).describe("Bytes of task images a user may keep uploaded."),
    apiTokens: z.number().int().min(0).describe("API tokens a user may have live (not revoked) at once."),
    tags: z.number().int().min(0).describe("Tags a user may own."),
  })
  .meta({ description: "What the user's plan allows." }) satisfies z.ZodType<PlanLimits>;

export const planUsageSchema = z
  .object({
    agents: count("Agents owned."),
    projects: count("Projects owned."),
    runsThisMonth: count("Runs started since the first of this month (UTC)."),
    concurrentRuns: count("Runs queued or running now."),
    imageStorageBytes: count("Bytes of task images uploaded and kept."),
    apiTokens: count("API tokens live (not revoked)."),
    tags: count("Tags owned."),
  })
  .meta({ description: "Current counts against the plan's limits." });

export const meResponse = z
  .object({
    id: z.string().describe("User id (UUIDv7)."),
    email: z.string().describe("Sign-in email, lower-cased."),
    name: z.string().nullable().describe("Display name."),
    role: z.enum(ROLES).describe("`admin` or `user`."),
    plan: z.enum(PLANS).describe("`FREE` or `PRO`."),
    limits: planLimits,
    usage: planUsageSchema,
  })
  .meta({ description: "The calling user, their plan's limits, and their usage against them." });

export type MeResponse = z.infer<typeof meResponse>;
