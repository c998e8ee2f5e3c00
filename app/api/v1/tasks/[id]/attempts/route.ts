import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { listResponse } from "@/lib/api/schemas";
import { listAttemptsForTask, startAttempt } from "@/lib/attempts/attempts";
import { attemptSchema, attemptStartSchema } from "@/lib/attempts/schemas";

const attemptList = listResponse(attemptSchema);

/** GET /api/v1/tasks/:id/attempts — the task's attempts, newest first. */
export const GET = apiRoute({}, async ({ user, params }) => attemptList.parse({ data: await listAttemptsForTask(user.id, params.id!), nextCursor: null }));

/** POST /api/v1/tasks/:id/attempts `{ agentId, prompt? }` — start an attempt in a new branch and worktree. */
export const POST = apiRoute({ body: attemptStartSchema }, async ({ user, params, body }) => {
  return NextResponse.json(attemptSchema.parse(await startAttempt(user.id, params.id!, body)), { status: 201 });
});
