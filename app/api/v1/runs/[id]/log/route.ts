import { apiRoute } from "@/lib/api/route";
import { runLogQuery, runLogResponse } from "@/lib/runs/log";

export const dynamic = "force-dynamic";

/** The whole log of one of the caller's runs, streamed page by page (GET /api/v1/runs/:id/log). */
export const GET = apiRoute({ access: "user", query: runLogQuery }, async ({ user, params, query, request }) =>
  runLogResponse(request, user.id, params.id!, query.format),
);
