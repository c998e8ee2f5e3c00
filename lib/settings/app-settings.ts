import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { appSettings } from "@/db/schema";
import { EXECUTORS } from "@/lib/domain";
import { nowIso } from "@/lib/domain/ids";

/**
 * Server-wide settings an admin changes at run time, kept in app_settings
 * (key -> JSON value). Each setting is declared once here with its schema
 * and default, so a missing or unreadable row reads as the default.
 */
/** Who may create an account: anyone, only holders of an invitation, or nobody (lib/sign-ups). */
export const SIGN_UP_POLICIES = ["open", "invite", "closed"] as const;

const SETTINGS = {
  signUpPolicy: { schema: z.enum(SIGN_UP_POLICIES), fallback: "open" },
  /** Whether agent CLIs get the server-wide provider keys (OPENAI_API_KEY, ANTHROPIC_API_KEY). An agent can read any key it is given. */
  shareServerKeysWithAgents: { schema: z.boolean(), fallback: false },
  /** Executors users may run (lib/admin/executors.ts); the rest are refused when a run is created. */
  enabledExecutors: { schema: z.array(z.enum(EXECUTORS)), fallback: [...EXECUTORS] },
  /** A backup every day under DATA_DIR/backups, keeping the newest `keep` (lib/backup/schedule.ts). */
  backupSchedule: { schema: z.object({ enabled: z.boolean(), keep: z.number().int().min(1).max(365) }), fallback: { enabled: false, keep: 7 } },
} as const;

type Settings = typeof SETTINGS;
export type AppSettingKey = keyof Settings;
export type AppSettingValue<K extends AppSettingKey> = z.infer<Settings[K]["schema"]>;

export async function getAppSetting<K extends AppSettingKey>(key: K): Promise<AppSettingValue<K>> {
  const [row] = await db().select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  const setting = SETTINGS[key];
  if (!row) return setting.fallback as AppSettingValue<K>;
  try {
    const parsed = setting.schema.safeParse(JSON.parse(row.value));
    return (parsed.success ? parsed.data : setting.fallback) as AppSettingValue<K>;
  } catch {
    return setting.fallback as AppSettingValue<K>;
  }
}

/** Callers check the admin role (lib/auth/roles) and write the audit log. */
export async function setAppSetting<K extends AppSettingKey>(key: K, value: AppSettingValue<K>): Promise<void> {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  await db()
    .insert(appSettings)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: json, updatedAt: nowIso() } });
}
