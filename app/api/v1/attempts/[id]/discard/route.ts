import { apiRoute } from "@/lib/api/route";
import { discardAttempt } from "@/lib/attempts/review";
import { attemptSchema } from "@/lib/attempts/schemas";

/** POST /api/v1/attempts/:id/discard — remove the worktree and branch (cancels it first if still going). */
export const POST = apiRoute({}, async ({ user, params }) => attemptSchema.parse(await discardAttempt(user.id, params.id!)));
