import { apiRoute } from "@/lib/api/route";
import { skipQuestion } from "@/lib/ideas/questions";
import { questionSchema } from "@/lib/ideas/schemas";

/** POST /api/v1/questions/:id/skip — leave a refinement question unanswered. */
export const POST = apiRoute({}, async ({ user, params }) => questionSchema.parse(await skipQuestion(user.id, params.id!)));
