import { apiRoute } from "@/lib/api/route";
import { approveIdea } from "@/lib/ideas/approve";
import { ideaApproveResponse, ideaApproveSchema } from "@/lib/ideas/schemas";

/** POST /api/v1/ideas/:id/approve `{ tasks? }` — convert the idea into tasks; answers `{ idea, tasks }`. */
export const POST = apiRoute({ body: ideaApproveSchema }, async ({ user, params, body }) =>
  ideaApproveResponse.parse(await approveIdea(user.id, params.id!, body)),
);
