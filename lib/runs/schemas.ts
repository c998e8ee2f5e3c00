import { z } from "zod";
import { RUN_SOURCES, RUN_STATUSES } from "@/lib/domain";
import { idSchema } from "@/lib/validation";

/** Request and response shapes of the runs API; the same objects validate requests and feed the OpenAPI document. */
export const runStartSchema = z.object({
  agentId: idSchema.optional().describe("The agent to run; left out, your default agent (GET /me/settings)."),
  projectId: idSchema.describe("The project it works in."),
  task: z.string().trim().min(1, { message: "errors.required" }).max(100_000, { message: "errors.tooLong" }).describe("What to do (for the script executor: a bash command)."),
  model: z.string().trim().max(200).optional().describe("Overrides the agent's model for this run."),
});
export type RunStartInput = z.infer<typeof runStartSchema>;

export const runListQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  agentId: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(64).optional(),
});
export type RunListQuery = z.infer<typeof runListQuery>;

export const runSchema = z
  .object({
    id: z.string(),
    status: z.enum(RUN_STATUSES),
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    projectId: z.string(),
    projectName: z.string(),
    task: z.string(),
    source: z.enum(RUN_SOURCES).describe("Where the run came from: manual (/runs), api, a step of a refinement, attempt, conversation or a saved link's analysis (link), or import (brought in from another tool on /import; sourceId is the import)."),
    sourceId: z.string().nullable().describe("The idea (refinement), attempt or conversation the run belongs to."),
    sourceName: z.string().nullable().describe("That idea's or attempt's task's title."),
    model: z.string().nullable(),
    executor: z.string(),
    exitCode: z.number().int().nullable(),
    error: z.string().nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int(),
    costUsd: z.number(),
    lastSeq: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: "Run", description: "An agent run." });
