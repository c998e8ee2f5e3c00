import { apiRoute } from "@/lib/api/route";
import { readRunLines, runLinesQuery } from "@/lib/runs/log-window";

export const dynamic = "force-dynamic";

/** A range of one of the caller's runs' events, by seq (GET /api/v1/runs/:id/lines). */
export const GET = apiRoute({ access: "user", query: runLinesQuery }, async ({ user, params, query }) => readRunLines(user.id, params.id!, query));
