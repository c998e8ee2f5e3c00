import { z } from "zod";
import { DATE_ONLY, instantOf } from "./range";

/*
 * Usage schemas shared by GET /api/v1/usage, lib/usage and the OpenAPI
 * description. No "server-only": pages import the types. The API answers in
 * English, so these messages are plain sentences, not i18n keys.
 */

export const USAGE_GROUPS = ["day", "model", "project", "agent", "provider"] as const;
export type UsageGroupBy = (typeof USAGE_GROUPS)[number];

const WHEN_MESSAGE = "Use a date (2026-11-01) or an ISO datetime with a time zone (2026-11-01T09:00:00Z).";

const when = z
  .string()
  .trim()
  .refine((v) => DATE_ONLY.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success, { message: WHEN_MESSAGE })
  .refine((v) => !Number.isNaN(instantOf(v, "from").getTime()), { message: WHEN_MESSAGE });

/** GET /api/v1/usage query. A `to` before `from` (an empty range) is refused with a message on `to`. */
export const usageQuerySchema = z
  .object({
    from: when
      .optional()
      .describe("Start (inclusive): a UTC date like 2026-11-01 (its midnight) or an ISO datetime with a zone. Default: 30 days before `to`."),
    to: when
      .optional()
      .describe(
        "End: a UTC date includes that whole day; an ISO datetime is exclusive. Default: the end of today (UTC), or 30 days after `from`.",
      ),
    groupBy: z.enum(USAGE_GROUPS).default("day").describe("Group rows by UTC day (oldest first), model, project, agent or provider (costliest first). A provider is `anthropic`, `openai`, `google`, or the host (with port) of any other base URL an executor used, so each OpenAI-compatible server (a local vLLM or Ollama) is its own row."),
    format: z.enum(["json", "csv"]).default("json").describe("`csv` answers text/csv (a header row, one line per group) as a download."),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && instantOf(q.from, "from").getTime() >= instantOf(q.to, "to").getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "`to` must be after `from`." });
    }
  });

export type UsageQuery = z.infer<typeof usageQuerySchema>;

const tokens = (what: string) => z.number().int().min(0).describe(what);

export const usageTotalsSchema = z
  .object({
    inputTokens: tokens("Input tokens, not counting cache reads and writes."),
    outputTokens: tokens("Output tokens."),
    cacheReadTokens: tokens("Input tokens read from the prompt cache."),
    cacheWriteTokens: tokens("Input tokens written to the prompt cache."),
    costUsd: z
      .number()
      .min(0)
      .describe("Cost in US dollars: as the provider reported it, else priced from the models table when the run finished."),
    runs: z.number().int().min(0).describe("Runs counted (one usage record per run)."),
  })
  .meta({ description: "Token and cost sums." });

export const usageRowSchema = usageTotalsSchema
  .extend({
    key: z
      .string()
      .nullable()
      .describe("The group: a UTC date (YYYY-MM-DD), a model name, a project id, an agent id or a provider key; null for a deleted project or agent, or for runs with no provider (scripts)."),
    name: z.string().nullable().describe("How to show the group: the date, the model, the project's or the agent's name, the provider (Anthropic, OpenAI, Google, or the host); null once deleted or without provider."),
  })
  .meta({ description: "One group of usage records." });

export const usageResponseSchema = z
  .object({
    data: z.array(usageRowSchema).describe("One row per group that has usage; days without usage are left out."),
    from: z.string().describe("Start of the range (inclusive), ISO-8601 UTC."),
    to: z.string().describe("End of the range (exclusive), ISO-8601 UTC."),
    groupBy: z.enum(USAGE_GROUPS),
    totals: usageTotalsSchema,
  })
  .meta({ description: "The caller's usage in a time range, grouped." });

export type UsageTotals = z.infer<typeof usageTotalsSchema>;
export type UsageRow = z.infer<typeof usageRowSchema>;
export type UsageResponse = z.infer<typeof usageResponseSchema>;
