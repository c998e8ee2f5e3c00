import { apiRoute } from "@/lib/api/route";
import { answerQuestion } from "@/lib/ideas/questions";
import { questionAnswerSchema, questionSchema } from "@/lib/ideas/schemas";

/** POST /api/v1/questions/:id/answer `{ answer }` — answer (or re-answer) a refinement question. */
export const POST = apiRoute({ body: questionAnswerSchema }, async ({ user, params, body }) =>
  questionSchema.parse(await answerQuestion(user.id, params.id!, body.answer)),
);
