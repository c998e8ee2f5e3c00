import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { listRuns, startRun } from "@/lib/runs/lifecycle";
import { runListQuery, runSchema, runStartSchema } from "@/lib/runs/schemas";

const runList = listResponse(runSchema);

/** GET /api/v1/runs?status=&agentId=&projectId= — the caller's runs, newest first. */
export const GET = apiRoute({ query: runListQuery }, async ({ user, query }) => runList.parse(await listRuns(user.id, query)));

/** POST /api/v1/runs `{ agentId, projectId, task, model? }` — queue a run; watch it at /runs/:id/events. */
export const POST = apiRoute({ body: runStartSchema }, async ({ user, body }) => {
  return NextResponse.json(runSchema.parse(await startRun(user.id, body, "api")), { status: 201 });
});
