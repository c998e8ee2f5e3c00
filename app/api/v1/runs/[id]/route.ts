import { apiRoute } from "@/lib/api/route";
import { getRunForUser } from "@/lib/runs/runs";
import { runSchema } from "@/lib/runs/schemas";

/** GET /api/v1/runs/:id — one of the caller's runs. */
export const GET = apiRoute({}, async ({ user, params }) => runSchema.parse(await getRunForUser(user.id, params.id!)));
