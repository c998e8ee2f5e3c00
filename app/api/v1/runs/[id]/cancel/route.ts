import { apiRoute } from "@/lib/api/route";
import { cancelRun } from "@/lib/runs/lifecycle";
import { runSchema } from "@/lib/runs/schemas";

/** POST /api/v1/runs/:id/cancel — stop a queued or running run (a finished one is returned unchanged). */
export const POST = apiRoute({}, async ({ user, params }) => runSchema.parse(await cancelRun(user.id, params.id!)));
