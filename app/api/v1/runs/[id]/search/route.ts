import { apiRoute } from "@/lib/api/route";
import { runSearchQuery, searchRunLog } from "@/lib/runs/log-window";

export const dynamic = "force-dynamic";

/** Seqs of the lines of one of the caller's runs that match a search, or are errors (GET /api/v1/runs/:id/search). */
export const GET = apiRoute({ access: "user", query: runSearchQuery }, async ({ user, params, query }) => searchRunLog(user.id, params.id!, query));
