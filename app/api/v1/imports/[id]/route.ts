import { apiRoute } from "@/lib/api/route";
import { getImport, importView } from "@/lib/imports/imports";
import { importSchema } from "@/lib/imports/schemas";

/** GET /api/v1/imports/:id — status, progress, counts per kind and what was left out. */
export const GET = apiRoute({}, async ({ user, params }) => importSchema.parse(importView(await getImport(user.id, params.id!))));
