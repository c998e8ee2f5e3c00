import { z } from "zod";
import { idSchema as id } from "@/lib/validation";
import { LINK_STATUSES } from "@/lib/domain";

/*
 * Link schemas shared by the API, the /links form and the OpenAPI description. No
 * "server-only": the page imports the types. Messages are i18n keys where a form shows them.
 */

export const MAX_URL_LENGTH = 2_000;
/** The most URLs saved at once from the form (one per line). */
export const MAX_URLS_AT_ONCE = 50;

export const linkUrl = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, { message: "errors.required" })
  .max(MAX_URL_LENGTH, { message: "errors.tooLong" })
  .describe("An http or https URL.");

/** POST /api/v1/links */
export const linkCreateSchema = z.object({
  url: linkUrl,
  agentId: id.optional().describe("The agent that analyses the page; default: the caller's default agent (`defaultAgentId` of /me/settings)."),
});

/** POST /api/v1/links/:id/analyze */
export const linkAnalyzeSchema = z.object({
  agentId: id.optional().describe("The agent to analyse it with this time (and from now on); default: the link's agent, else the caller's default agent."),
});

/** GET /api/v1/links */
export const linkListQuery = z.object({
  status: z.enum(LINK_STATUSES).optional(),
  domain: z.string().trim().toLowerCase().max(300).optional().describe("Only links of this host (without `www.`)."),
  q: z.string().trim().max(200).optional().describe("Only links whose URL, title or main topic contains this text."),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: id.optional().describe("The `nextCursor` of the previous page."),
});
export type LinkListQuery = z.infer<typeof linkListQuery>;

export const linkSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    finalUrl: z.string().nullable().describe("Where the redirects ended, once fetched."),
    domain: z.string(),
    status: z.enum(LINK_STATUSES).describe("pending → fetching → analyzing → done, or failed with `error`."),
    title: z.string().nullable(),
    mainTopic: z.string().nullable(),
    reasonsToCare: z.array(z.string()).nullable(),
    error: z.string().nullable(),
    agentId: z.string().nullable().describe("The agent asked to analyse it; null: the caller's default agent."),
    runId: z.string().nullable().describe("The latest analysis run (watch it on /runs/:id)."),
    fetchedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ description: "A saved link and what an agent made of it." });
export type LinkView = z.infer<typeof linkSchema>;

export const linkDetailSchema = linkSchema
  .extend({ text: z.string().nullable().describe("The page's readable text as fetched (up to 200,000 characters).") })
  .meta({ description: "A saved link with the page's text." });
export type LinkDetail = z.infer<typeof linkDetailSchema>;
