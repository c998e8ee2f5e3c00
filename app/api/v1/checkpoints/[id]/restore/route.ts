import { apiRoute } from "@/lib/api/route";
import { restoreCheckpoint } from "@/lib/checkpoints/checkpoints";
import { restoreResultSchema } from "@/lib/conversations/schemas";

/** POST /api/v1/checkpoints/:id/restore — the project's files as they were at the checkpoint (409 while a turn runs). */
export const POST = apiRoute({}, async ({ user, params }) => restoreResultSchema.parse(await restoreCheckpoint(user.id, params.id!)));
