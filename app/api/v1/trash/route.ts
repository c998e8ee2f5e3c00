import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { trashItemSchema, trashListQuery } from "@/lib/trash/schemas";
import { listTrash } from "@/lib/trash/trash";

/** GET /api/v1/trash */
export const GET = apiRoute({ query: trashListQuery }, async ({ user, query }) => listResponse(trashItemSchema).parse(await listTrash(user.id, query)));
