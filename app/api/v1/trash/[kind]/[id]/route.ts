import { apiRoute } from "@/lib/api/route";
import { trashKindParam } from "@/lib/trash/schemas";
import { deleteForever } from "@/lib/trash/trash";

/** DELETE /api/v1/trash/:kind/:id — deleted for good. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteForever(user.id, trashKindParam(params.kind), params.id!);
  return new Response(null, { status: 204 });
});
