import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { retryRun } from "@/lib/runs/lifecycle";
import { runSchema } from "@/lib/runs/schemas";

/** POST /api/v1/runs/:id/retry — start the same task again as a new run. */
export const POST = apiRoute({}, async ({ user, params }) => {
  return NextResponse.json(runSchema.parse(await retryRun(user.id, params.id!, "api")), { status: 201 });
});
