import { apiRoute } from "@/lib/api/route";
import { rebaseAttempt } from "@/lib/attempts/review";
import { rebaseResultSchema } from "@/lib/attempts/schemas";

/** POST /api/v1/attempts/:id/rebase — replay the attempt onto the latest base branch; 409 on a conflict, nothing changed. */
export const POST = apiRoute({}, async ({ user, params }) => rebaseResultSchema.parse(await rebaseAttempt(user.id, params.id!)));
