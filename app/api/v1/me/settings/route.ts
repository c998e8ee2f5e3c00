import { apiRoute } from "@/lib/api/route";
import { getMeSettings, updateMeSettings } from "@/lib/users/settings";
import { meSettingsSchema, meSettingsUpdateSchema } from "@/lib/users/settings-schemas";

/** GET /api/v1/me/settings — the caller's settings, defaults filled in. */
export const GET = apiRoute({}, async ({ user }) => meSettingsSchema.parse(await getMeSettings(user.id)));

/** PATCH /api/v1/me/settings — any subset; null clears a default. */
export const PATCH = apiRoute({ body: meSettingsUpdateSchema }, async ({ user, body }) => meSettingsSchema.parse(await updateMeSettings(user.id, body)));
