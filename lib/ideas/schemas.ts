import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { IDEA_SOURCES, IDEA_STATUSES, QUESTION_STATUSES, RUN_STATUSES, TASK_TYPES } from "@/lib/domain";
import { taskDescription, taskPriority, taskSchema, taskTitle } from "@/lib/tasks/schemas";

/*
 * Idea and question schemas shared by the API, server actions, forms and the
 * OpenAPI description. No "server-only": client forms import them. Messages
 * are i18n keys; forms translate them, the API sends them as English.
 */


export const ideaTitle = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, { message: "errors.required" })
  .max(200, { message: "errors.tooLong" });
export const ideaDescription = z.string().trim().max(20_000, { message: "errors.tooLong" });

/** POST /api/v1/ideas. `source` defaults to "api" there; the web form sets "web". */
export const ideaCreateSchema = z.object({
  projectId: id.describe("The project the idea is for."),
  title: ideaTitle,
  description: ideaDescription.default(""),
  priority: taskPriority.default(1),
  source: z.enum(IDEA_SOURCES).optional().describe("Where it came from: web, api (the default here) or cli."),
});
export type IdeaCreateInput = z.input<typeof ideaCreateSchema>;
export type IdeaCreateParsed = z.output<typeof ideaCreateSchema>;

/** GET /api/v1/ideas */
export const ideaListQuery = z.object({
  projectId: id.optional(),
  status: z.enum(IDEA_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: id.optional().describe("The `nextCursor` of the previous page."),
});
export type IdeaListQuery = z.infer<typeof ideaListQuery>;

/** POST /api/v1/ideas/:id/refine */
export const ideaRefineSchema = z.object({
  agentId: id.describe("The agent that refines the idea (any executor; agents of type `refinement` are meant for it)."),
});

/** POST /api/v1/questions/:id/answer */
export const questionAnswerSchema = z.object({
  answer: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, { message: "errors.required" })
    .max(10_000, { message: "errors.tooLong" }),
});

/** A ticket to create when approving, instead of the ones the agent proposed. */
export const approveTaskSchema = z.object({
  title: taskTitle,
  description: taskDescription.default(""),
  type: z.enum(TASK_TYPES).default("feature"),
  priority: taskPriority.optional().describe("Defaults to the idea's priority."),
});

/** POST /api/v1/ideas/:id/approve. Without `tasks`: the agent's proposed tickets, else one task from the idea. */
export const ideaApproveSchema = z.object({
  tasks: z.array(approveTaskSchema).min(1).max(20).optional(),
});
export type IdeaApproveInput = z.infer<typeof ideaApproveSchema>;

export const questionSchema = z
  .object({
    id: z.string(),
    ideaId: z.string(),
    askedByAgentId: z.string().nullable(),
    question: z.string(),
    answer: z.string().nullable(),
    status: z.enum(QUESTION_STATUSES),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
  })
  .meta({ id: "Question", description: "A clarifying question a refinement agent asked about an idea." });
export type QuestionView = z.infer<typeof questionSchema>;

export const ideaSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    projectName: z.string(),
    title: z.string(),
    description: z.string(),
    source: z.enum(IDEA_SOURCES),
    priority: z.number().int(),
    status: z.enum(IDEA_STATUSES),
    refinementRunId: z.string().nullable().describe("The latest refinement run; watch it at /runs/{id}/events."),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Idea", description: "An idea: pending -> refining -> questions -> converted (or rejected)." });
export type IdeaView = z.infer<typeof ideaSchema>;

export const ideaDetailSchema = ideaSchema
  .extend({
    questions: z.array(questionSchema).describe("Oldest first."),
    refinement: z
      .object({
        runId: z.string(),
        status: z.enum(RUN_STATUSES),
        error: z.string().nullable(),
        problems: z.array(z.string()).describe("What could not be read from the agent's structured blocks."),
        proposedTasks: z.array(z.object({ title: z.string(), description: z.string(), type: z.enum(TASK_TYPES) })),
      })
      .nullable(),
  })
  .meta({ id: "IdeaDetail", description: "An idea with its questions and its latest refinement." });
export type IdeaDetail = z.infer<typeof ideaDetailSchema>;

export const ideaApproveResponse = z.object({ idea: ideaSchema, tasks: z.array(taskSchema) });
