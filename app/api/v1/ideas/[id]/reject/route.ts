import { apiRoute } from "@/lib/api/route";
import { rejectIdea } from "@/lib/ideas/ideas";
import { ideaSchema } from "@/lib/ideas/schemas";

/** POST /api/v1/ideas/:id/reject — reject an idea that is pending or has questions. */
export const POST = apiRoute({}, async ({ user, params }) => ideaSchema.parse(await rejectIdea(user.id, params.id!)));
