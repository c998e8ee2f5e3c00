import { apiRoute } from "@/lib/api/route";
import { mergeAttempt } from "@/lib/attempts/review";
import { mergeResultSchema, mergeSchema } from "@/lib/attempts/schemas";

/** POST /api/v1/attempts/:id/merge `{ mode? }` — merge into the base branch; 409 on a conflict, nothing changed. */
export const POST = apiRoute({ body: mergeSchema }, async ({ user, params, body }) => mergeResultSchema.parse(await mergeAttempt(user.id, params.id!, body)));
