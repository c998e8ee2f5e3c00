import { apiRoute } from "@/lib/api/route";
import { cancelAttempt } from "@/lib/attempts/attempts";
import { attemptSchema } from "@/lib/attempts/schemas";

/** POST /api/v1/attempts/:id/cancel — stop a queued or running attempt (a finished one is returned unchanged). */
export const POST = apiRoute({}, async ({ user, params }) => attemptSchema.parse(await cancelAttempt(user.id, params.id!)));
