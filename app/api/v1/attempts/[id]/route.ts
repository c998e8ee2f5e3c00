import { apiRoute } from "@/lib/api/route";
import { getAttemptDetail } from "@/lib/attempts/attempts";
import { attemptDetailSchema } from "@/lib/attempts/schemas";

/** GET /api/v1/attempts/:id — the attempt with its execution processes and follow-up drafts. */
export const GET = apiRoute({}, async ({ user, params }) => attemptDetailSchema.parse(await getAttemptDetail(user.id, params.id!)));
