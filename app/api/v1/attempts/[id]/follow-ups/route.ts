import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { sendFollowUp } from "@/lib/attempts/attempts";
import { attemptDetailSchema, followUpSchema } from "@/lib/attempts/schemas";

/** POST /api/v1/attempts/:id/follow-ups `{ message }` — queue a follow-up; it runs when the agent is next free. */
export const POST = apiRoute({ body: followUpSchema }, async ({ user, params, body }) => {
  return NextResponse.json(attemptDetailSchema.parse(await sendFollowUp(user.id, params.id!, body.message)), { status: 201 });
});
