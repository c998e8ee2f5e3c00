import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { runLogResponse } from "@/lib/runs/log";

export const dynamic = "force-dynamic";

const query = z.object({
  /** `ndjson` (default): one `{seq, time, event, data}` object per line. `text`: the log lines as a person reads them. */
  format: z.enum(["ndjson", "text"]).default("ndjson"),
});

/** The whole log of one of the caller's runs, streamed page by page. */
export const GET = apiRoute({ access: "user", query }, async ({ user, params, query, request }) =>
  runLogResponse(request, user.id, params.id!, query.format),
);
