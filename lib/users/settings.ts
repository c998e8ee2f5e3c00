import "server-only";
import { and, eq, like, or } from "drizzle-orm";
import { db } from "@/db/client";
import { userSettings } from "@/db/schema";
import { getAgent } from "@/lib/agents/agents";
import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE, isLocale, isTheme } from "@/lib/i18n/locales";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { LOCALE_KEY, setUserSettings, THEME_KEY } from "./preferences";
import { NOTIFICATION_EVENTS, type MeSettings, type MeSettingsUpdate } from "./settings-schemas";

/**
 * A user's settings (GET/PATCH /api/v1/me/settings), kept in user_settings as key/value rows
 * next to theme and locale. A setting never saved has its default.
 */

const KEYS = { defaultModel: "defaultModel", defaultAgentId: "defaultAgentId", autoCheckpoint: "autoCheckpoint" } as const;
const notificationKey = (event: string) => `notify.${event}`;

export async function getMeSettings(userId: string): Promise<MeSettings> {
  const rows = await db()
    .select({ key: userSettings.key, value: userSettings.value })
    .from(userSettings)
    .where(and(eq(userSettings.userId, userId), or(like(userSettings.key, "notify.%"), ...[...Object.values(KEYS), THEME_KEY, LOCALE_KEY].map((k) => eq(userSettings.key, k)))));
  const saved = new Map(rows.map((r) => [r.key, r.value]));
  const theme = saved.get(THEME_KEY);
  const language = saved.get(LOCALE_KEY);
  return {
    defaultModel: saved.get(KEYS.defaultModel) || null,
    defaultAgentId: saved.get(KEYS.defaultAgentId) || null,
    autoCheckpoint: saved.get(KEYS.autoCheckpoint) !== "false",
    notifications: Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, saved.get(notificationKey(e)) !== "false"])) as MeSettings["notifications"],
    theme: isTheme(theme) ? theme : "system",
    language: isLocale(language) ? language : DEFAULT_LOCALE,
  };
}

/** Saves what is given (null clears a default); a default agent must be one of the user's (400 otherwise). */
export async function updateMeSettings(userId: string, patch: MeSettingsUpdate): Promise<MeSettings> {
  if (patch.defaultAgentId) {
    await getAgent(userId, patch.defaultAgentId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") {
        const text = { key: "settings.me.agentNotFound" };
        throw new LocalizedError("validation", text, { defaultAgentId: text });
      }
      throw error;
    });
  }
  const values: Record<string, string> = {};
  if (patch.defaultModel !== undefined) values[KEYS.defaultModel] = patch.defaultModel ?? "";
  if (patch.defaultAgentId !== undefined) values[KEYS.defaultAgentId] = patch.defaultAgentId ?? "";
  if (patch.autoCheckpoint !== undefined) values[KEYS.autoCheckpoint] = String(patch.autoCheckpoint);
  for (const [event, on] of Object.entries(patch.notifications ?? {})) if (on !== undefined) values[notificationKey(event)] = String(on);
  if (patch.theme) values[THEME_KEY] = patch.theme;
  if (patch.language) values[LOCALE_KEY] = patch.language;
  await setUserSettings(userId, values);
  return getMeSettings(userId);
}

/** The user's default agent id, or null. */
export async function defaultAgentId(userId: string): Promise<string | null> {
  return (await getMeSettings(userId)).defaultAgentId;
}
