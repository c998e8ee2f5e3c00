import { apiRoute } from "@/lib/api/route";
import { getIdeaDetail } from "@/lib/ideas/ideas";
import { ideaDetailSchema } from "@/lib/ideas/schemas";

/** GET /api/v1/ideas/:id — one of the caller's ideas with its questions and latest refinement. */
export const GET = apiRoute({}, async ({ user, params }) => ideaDetailSchema.parse(await getIdeaDetail(user.id, params.id!)));
