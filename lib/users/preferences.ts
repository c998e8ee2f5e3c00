import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { userSettings } from "@/db/schema";
import { nowIso } from "@/lib/domain/ids";
import { LOCALES, THEMES, isLocale, isTheme, type Locale, type Theme } from "@/lib/i18n/locales";
import { LocalizedError, keyTexts } from "@/lib/i18n/localized-error";

/** The user_settings keys this module knows; other features may add their own. */
export const THEME_KEY = "theme";
export const LOCALE_KEY = "locale";

const keySchema = z.string().trim().min(1).max(100);
const valueSchema = z.string().max(10_000);

export const preferencesSchema = z.object({
  theme: z.enum(THEMES, { message: "settings.preferences.invalidTheme" }),
  locale: z.enum(LOCALES, { message: "settings.preferences.invalidLocale" }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** One of the user's own settings, or null when it was never set. */
export async function getUserSetting(userId: string, key: string): Promise<string | null> {
  const [row] = await db()
    .select({ value: userSettings.value })
    .from(userSettings)
    .where(and(eq(userSettings.userId, userId), eq(userSettings.key, keySchema.parse(key))))
    .limit(1);
  return row?.value ?? null;
}

/** Saves several of the user's settings in one statement: all of them are written, or none. */
export async function setUserSettings(userId: string, values: Record<string, string>) {
  const rows = Object.entries(values).map(([key, value]) => ({
    userId,
    key: keySchema.parse(key),
    value: valueSchema.parse(value),
    updatedAt: nowIso(),
  }));
  if (rows.length === 0) return;
  await db()
    .insert(userSettings)
    .values(rows)
    .onConflictDoUpdate({
      target: [userSettings.userId, userSettings.key],
      set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
    });
}

export async function setUserSetting(userId: string, key: string, value: string) {
  await setUserSettings(userId, { [key]: value });
}

/** The theme and language the user saved, each only when it was saved and still valid. */
export async function getSavedPreferences(userId: string): Promise<{ theme?: Theme; locale?: Locale }> {
  const rows = await db()
    .select({ key: userSettings.key, value: userSettings.value })
    .from(userSettings)
    .where(and(eq(userSettings.userId, userId), inArray(userSettings.key, [THEME_KEY, LOCALE_KEY])));
  const saved: { theme?: Theme; locale?: Locale } = {};
  for (const { key, value } of rows) {
    if (key === THEME_KEY && isTheme(value)) saved.theme = value;
    if (key === LOCALE_KEY && isLocale(value)) saved.locale = value;
  }
  return saved;
}

/** Validates and saves the user's theme and language together. */
export async function savePreferences(userId: string, input: { theme: string; locale: string }): Promise<Preferences> {
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    throw new LocalizedError("validation", { key: "errors.checkFields" }, keyTexts(fields));
  }
  await setUserSettings(userId, { [THEME_KEY]: parsed.data.theme, [LOCALE_KEY]: parsed.data.locale });
  return parsed.data;
}
