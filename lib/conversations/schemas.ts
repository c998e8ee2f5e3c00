import { z } from "zod";
import { MESSAGE_ROLES } from "@/lib/domain/conversations";
import { paginationQuery } from "@/lib/api/schemas";
import { runSchema } from "@/lib/runs/schemas";

/*
 * Conversation and checkpoint shapes shared by the API, server actions, forms and the
 * OpenAPI description. No "server-only": client forms import them.
 */

const id = z.string().trim().min(1).max(64);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const title = z.string().trim().max(200, { message: "errors.tooLong" });

/** POST /api/v1/conversations */
export const conversationCreateSchema = z.object({
  agentId: id.describe("The agent to chat with (one of the caller's)."),
  projectId: id.describe("The project it works in (one of the caller's)."),
  title: z.preprocess(blankToUndefined, title.optional()).describe("Defaults to the start of the first message."),
});
export type ConversationCreateInput = z.infer<typeof conversationCreateSchema>;

/** PATCH /api/v1/conversations/:id */
export const conversationPatchSchema = z.object({ title: title.min(1, { message: "errors.required" }) });

/** GET /api/v1/conversations */
export const conversationListQuery = paginationQuery.extend({
  q: z.string().trim().max(200).optional().describe("Only conversations whose title contains this."),
  agentId: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
});
export type ConversationListQuery = z.infer<typeof conversationListQuery>;

export const conversationSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    projectId: z.string().nullable(),
    projectName: z.string().nullable(),
    sessionId: z.string().nullable().describe("The executor's own resumable session; null until the first reply."),
    status: z.enum(["idle", "running"]).describe("running while a turn runs or a message waits for one."),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Conversation", description: "A chat with one agent on one project." });
export type ConversationView = z.infer<typeof conversationSchema>;

/** POST /api/v1/conversations/:id/messages */
export const messageSendSchema = z.object({
  content: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(100_000, { message: "errors.tooLong" }),
});

export const messageSchema = z
  .object({
    id: z.string(),
    role: z.enum(MESSAGE_ROLES),
    content: z.string().describe("Text as a person reads it (Markdown)."),
    runId: z.string().nullable().describe("The run answering a user's message, or the run that wrote this reply."),
    toolName: z.string().nullable().optional(),
    toolInput: z.unknown().optional(),
    status: z.enum(["queued", "sent", "cancelled"]).describe("queued: a user's message waiting for its turn."),
    createdAt: z.string(),
  })
  .meta({ id: "Message", description: "One message of a conversation." });
export type MessageView = z.infer<typeof messageSchema>;

export const messagePageQuery = paginationQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("How many messages, 1 to 1000 (default 100)."),
});

export const messageSentSchema = z.object({ message: messageSchema, run: runSchema.nullable().describe("The run that answers it; null while it waits behind a running turn.") });

/** POST /api/v1/conversations/:id/checkpoints */
export const checkpointCreateSchema = z.object({ label: z.preprocess(blankToUndefined, title.optional()) });

export const checkpointSchema = z
  .object({
    id: z.string(),
    conversationId: z.string().nullable(),
    parentId: z.string().nullable(),
    messageId: z.string().nullable(),
    label: z.string(),
    fileCount: z.number().int(),
    totalBytes: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: "Checkpoint", description: "A snapshot of the project's files at a point in a conversation." });
export type CheckpointView = z.infer<typeof checkpointSchema>;

/** POST /api/v1/checkpoints/:id/fork */
export const forkSchema = z.object({ title: z.preprocess(blankToUndefined, title.optional()) });

export const diffQuery = z.object({
  against: z.string().trim().min(1).max(64).default("current").describe("Another checkpoint's id, or `current` for the project's files now."),
});

export const checkpointDiffSchema = z.object({
  files: z.array(
    z.object({
      path: z.string(),
      status: z.enum(["added", "modified", "deleted"]),
      additions: z.number().int(),
      deletions: z.number().int(),
      binary: z.boolean(),
    }),
  ),
  patch: z.string(),
});
export type CheckpointDiff = z.infer<typeof checkpointDiffSchema>;

export const restoreResultSchema = z.object({
  checkpoint: checkpointSchema,
  written: z.number().int().describe("Files written back (changed or deleted since)."),
  removed: z.number().int().describe("Files created since, removed."),
});

export const importQuery = z.object({ projectId: id, agentId: id.optional().describe("Defaults to the caller's default agent, or their first claude-code agent.") });
