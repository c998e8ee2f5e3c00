import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { ATTEMPT_STATUSES, TASK_STATUSES, TASK_TYPES } from "@/lib/domain";

/*
 * Task (board card / ticket) schemas shared by the API, server actions, forms
 * and the OpenAPI description. No "server-only": client forms import them.
 * Messages are i18n keys; forms translate them, the API sends them as text.
 */

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const taskTitle = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, { message: "errors.required" })
  .max(200, { message: "errors.tooLong" });
export const taskDescription = z.string().trim().max(20_000, { message: "errors.tooLong" });
export const taskPriority = z.coerce.number().int().min(0).max(3).describe("0 low, 1 normal, 2 high, 3 urgent");

/** Tag ids: an array (API) or one comma-separated string (a form's hidden input). */
export const tagIdList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(id).max(50),
);

/** POST /api/v1/tasks */
export const taskCreateSchema = z.object({
  projectId: id.describe("The project the task belongs to."),
  ideaId: id.optional().describe("The idea it came from, if any."),
  parentTaskId: id.optional().describe("Makes it a subtask of this task (same project)."),
  title: taskTitle,
  description: taskDescription.default(""),
  type: z.enum(TASK_TYPES).default("feature"),
  priority: taskPriority.default(1),
  assignedAgentId: z.preprocess(blankToNull, id.nullable()).optional().describe("The agent that works it."),
  spec: z.preprocess(blankToNull, z.string().max(50_000, { message: "errors.tooLong" }).nullable()).optional(),
  tagIds: tagIdList.optional().describe("The caller's tags to put on the task."),
});
export type TaskCreateInput = z.input<typeof taskCreateSchema>;
export type TaskCreateParsed = z.output<typeof taskCreateSchema>;

/** PATCH /api/v1/tasks/:id — any subset; a board move is `{ status, position }`. */
export const taskUpdateSchema = z
  .object({
    title: taskTitle,
    description: taskDescription,
    type: z.enum(TASK_TYPES),
    status: z.enum(TASK_STATUSES),
    priority: taskPriority,
    assignedAgentId: z.preprocess(blankToNull, id.nullable()),
    spec: z.preprocess(blankToNull, z.string().max(50_000, { message: "errors.tooLong" }).nullable()),
    result: z.preprocess(blankToNull, z.string().max(50_000, { message: "errors.tooLong" }).nullable()),
    position: z.coerce.number().int().min(0).max(1_000_000),
  })
  .partial();
export type TaskUpdateInput = z.infer<typeof taskUpdateSchema>;

/** GET /api/v1/tasks */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** An empty query parameter (`?projectId=`) means "no filter", as a form's "All" sends it. */
const filter = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const taskListQuery = z.object({
  projectId: filter(id),
  status: filter(z.enum(TASK_STATUSES)),
  agentId: filter(id),
  tagId: filter(id),
  ideaId: filter(id),
  /** Subtasks are listed under their parent, not on their own. */
  parentTaskId: filter(id),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: id.optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

/**
 * A board column's next page ("Show more"): the column, the board's filters, and the
 * last card already fetched for it, by the column's order (priority, position, id).
 */
export const boardPageSchema = z.object({
  status: z.enum(TASK_STATUSES),
  projectId: filter(id),
  agentId: filter(id),
  tagId: filter(id),
  afterPriority: z.coerce.number().int(),
  afterPosition: z.coerce.number().int(),
  afterId: id,
});
/** The cards a board page loaded beyond the first pages, to refresh (comma-separated ids), with the board's filters. */
export const boardCardsSchema = z.object({
  ids: z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(id).max(5000)),
  projectId: filter(id),
  agentId: filter(id),
  tagId: filter(id),
});
/** Where a column's next page starts: right after this card in the column's order. */
export type BoardCursor = { priority: number; position: number; id: string };

export const taskSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    projectName: z.string(),
    ideaId: z.string().nullable(),
    parentTaskId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    type: z.enum(TASK_TYPES),
    status: z.enum(TASK_STATUSES),
    priority: z.number().int(),
    assignedAgentId: z.string().nullable(),
    assignedAgentName: z.string().nullable(),
    spec: z.string().nullable(),
    result: z.string().nullable(),
    position: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("A task: a card on the board (the idea pipeline calls it a ticket).");
export type TaskView = z.infer<typeof taskSchema>;

export const tagRefSchema = z.object({ id: z.string(), name: z.string() });
export const subtaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(TASK_STATUSES),
  position: z.number().int(),
});
export const imageMetaSchema = z.object({
  id: z.string(),
  originalName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string().describe("GET it with the same credentials; served only to its owner."),
});

/** GET /api/v1/tasks/:id — the task with its tags, subtasks in order and images' metadata. */
export const taskDetailSchema = taskSchema.extend({
  tags: z.array(tagRefSchema),
  subtasks: z.array(subtaskSchema),
  images: z.array(imageMetaSchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

/**
 * What a card on the board shows, and its place in its column: never the description, spec or
 * result (only the task's panel reads them; a ticket's spec can be 50 KB, and a board sends hundreds of cards).
 */
export type BoardCardRow = Pick<TaskView, "id" | "title" | "status" | "priority" | "position" | "projectName" | "assignedAgentName">;

/** A card on the board: the task with its tags and how many of its subtasks are done. */
export type BoardCard = BoardCardRow & {
  tags: Array<{ id: string; name: string }>;
  subtaskCount: number;
  subtasksDone: number;
  /** The card's latest attempt, if any: what its agent is doing. */
  attempt: { status: (typeof ATTEMPT_STATUSES)[number]; merged: boolean } | null;
};

/** PUT /api/v1/tasks/:id/tags */
export const taskTagsSchema = z.object({ tagIds: tagIdList.describe("The complete set of the task's tags; [] removes them all.") });
