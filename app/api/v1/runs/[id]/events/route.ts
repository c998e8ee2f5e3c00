import { apiRoute } from "@/lib/api/route";
import { runEventsQuery, runEventsResponse } from "@/lib/runs/sse";

// A live stream: never prerendered or cached.
export const dynamic = "force-dynamic";

/** Server-sent events of one of the caller's runs (lib/runs/sse.ts); bearer token or session, re-checked while open. */
export const GET = apiRoute({ access: "user", query: runEventsQuery }, async ({ request, user, credential, params }) =>
  runEventsResponse(request, user.id, params.id!, { credential }),
);
