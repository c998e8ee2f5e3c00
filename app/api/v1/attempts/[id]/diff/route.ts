import { apiRoute } from "@/lib/api/route";
import { attemptDiff } from "@/lib/attempts/review";
import { attemptDiffSchema } from "@/lib/attempts/schemas";

/** GET /api/v1/attempts/:id/diff — files changed with +/- counts, and the unified diff against the base commit. */
export const GET = apiRoute({}, async ({ user, params }) => attemptDiffSchema.parse(await attemptDiff(user.id, params.id!)));
