import { apiRoute } from "@/lib/api/route";
import { trashItemSchema, trashKindParam } from "@/lib/trash/schemas";
import { restoreFromTrash } from "@/lib/trash/trash";

/** POST /api/v1/trash/:kind/:id/restore */
export const POST = apiRoute({}, async ({ user, params }) =>
  trashItemSchema.parse(await restoreFromTrash(user.id, trashKindParam(params.kind), params.id!)),
);
