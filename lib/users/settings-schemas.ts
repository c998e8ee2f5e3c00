import { z } from "zod";
import { LOCALES, THEMES } from "@/lib/i18n/locales";

/* GET/PATCH /api/v1/me/settings: what a user sets once and the app uses when a form or call leaves it out. */

export const NOTIFICATION_EVENTS = ["runFinished", "runFailed", "questionAsked", "attemptReadyToMerge"] as const;

const notifications = z
  .object(Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, z.boolean({ message: "settings.me.boolean" })])) as Record<(typeof NOTIFICATION_EVENTS)[number], z.ZodBoolean>)
  .describe("Which events notify: a run finished, a run failed, a question was asked, an attempt is ready to merge.");

export const meSettingsSchema = z
  .object({
    defaultModel: z.string().nullable().describe("Used for a new agent when no model is given."),
    defaultAgentId: z.string().nullable().describe("Used to start a run when no agentId is given."),
    autoCheckpoint: z.boolean().describe("Take a checkpoint after every conversation turn."),
    notifications,
    theme: z.enum(THEMES),
    language: z.enum(LOCALES),
  })
  .meta({ id: "MeSettings", description: "The caller's own settings." });

export const meSettingsUpdateSchema = z.object({
  defaultModel: z.string({ message: "settings.me.model" }).trim().min(1, { message: "errors.required" }).max(200, { message: "errors.tooLong" }).nullable().optional(),
  defaultAgentId: z.string({ message: "settings.me.agent" }).trim().min(1).max(64).nullable().optional(),
  autoCheckpoint: z.boolean({ message: "settings.me.boolean" }).optional(),
  notifications: notifications.partial().optional(),
  theme: z.enum(THEMES, { message: "settings.preferences.invalidTheme" }).optional(),
  language: z.enum(LOCALES, { message: "settings.preferences.invalidLocale" }).optional(),
});

export type MeSettings = z.infer<typeof meSettingsSchema>;
export type MeSettingsUpdate = z.infer<typeof meSettingsUpdateSchema>;
