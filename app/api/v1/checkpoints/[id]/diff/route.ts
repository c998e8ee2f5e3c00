import { apiRoute } from "@/lib/api/route";
import { diffCheckpoint } from "@/lib/checkpoints/diff";
import { checkpointDiffSchema, diffQuery } from "@/lib/conversations/schemas";

/** GET /api/v1/checkpoints/:id/diff?against=<checkpointId>|current */
export const GET = apiRoute({ query: diffQuery }, async ({ user, params, query }) => checkpointDiffSchema.parse(await diffCheckpoint(user.id, params.id!, query.against)));
